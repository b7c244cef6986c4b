import { describe, expect, it } from 'vitest';
import { isPlainLetter, isSubmitChord, isTypingTarget, submitChordLabel, type KeyPress } from './keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, isComposing: false, defaultPrevented: false, ...more });

describe('shortcut keys', () => {
  it('N alone, with Caps Lock too, never with a modifier or held down', () => {
    expect(isPlainLetter(press('n'), 'n')).toBe(true);
    expect(isPlainLetter(press('N'), 'n')).toBe(true);
    for (const more of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { shiftKey: true }, { repeat: true }, { isComposing: true }, { defaultPrevented: true }]) {
      expect(isPlainLetter(press('n', more), 'n')).toBe(false);
    }
    expect(isPlainLetter(press('m'), 'n')).toBe(false);
  });

  it('not while typing in a field', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA', isContentEditable: false })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', isContentEditable: false, type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', isContentEditable: false, type: 'datetime-local' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT', isContentEditable: false })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', isContentEditable: false, type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON', isContentEditable: false })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('Ctrl+Enter or ⌘+Enter submits', () => {
    expect(isSubmitChord(press('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSubmitChord(press('Enter', { metaKey: true }))).toBe(true);
    expect(isSubmitChord(press('Enter'))).toBe(false);
    expect(isSubmitChord(press('Enter', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(submitChordLabel('MacIntel')).toBe('⌘+Enter');
    expect(submitChordLabel('Linux x86_64')).toBe('Ctrl+Enter');
  });
});
