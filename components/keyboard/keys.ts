/**
 * Which key presses are shortcuts, as pure checks over the event's fields (so they are tested
 * without a browser). The listeners are in ./use-shortcut.
 */

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  isComposing: boolean;
  defaultPrevented: boolean;
}

/** What the focus is on, as far as typing goes. */
export interface FocusTarget {
  tagName: string;
  isContentEditable: boolean;
  /** For an input: its type (a checkbox takes no text; a text field does). */
  type?: string;
}

const NOT_TYPING_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color']);

/** The person is typing there: a letter belongs to the field, not to a shortcut. */
export function isTypingTarget(target: FocusTarget | null): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TYPING_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** A single letter with no modifier (Caps Lock's capital counts), not held down, not mid-IME. */
export function isPlainLetter(event: KeyPress, letter: string): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.repeat || event.isComposing || event.defaultPrevented) return false;
  return event.key.toLowerCase() === letter.toLowerCase();
}

/** Ctrl+Enter, or ⌘+Enter on a Mac. */
export function isSubmitChord(event: KeyPress): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.isComposing && !event.repeat;
}

/** How to write the submit chord for this platform: "⌘+Enter" on Apple devices, else "Ctrl+Enter". */
export function submitChordLabel(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘+Enter' : 'Ctrl+Enter';
}
