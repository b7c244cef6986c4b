'use client';

import { useEffect, useEffectEvent } from 'react';
import { isPlainLetter, isTypingTarget } from './keys';

/**
 * A page-wide one-letter shortcut (`N` for a new post). It stays out of the way: not while the
 * person types in a field, not with a modifier held, and not while a dialog is open (the composer
 * has its own keys).
 */
export function useLetterShortcut(letter: string, onPress: () => void, enabled = true): void {
  const handler = useEffectEvent(onPress);
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (!isPlainLetter(event, letter)) return;
      const focus = document.activeElement;
      const target = focus instanceof HTMLElement ? { tagName: focus.tagName, isContentEditable: focus.isContentEditable, type: focus instanceof HTMLInputElement ? focus.type : undefined } : null;
      if (isTypingTarget(target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [letter, enabled]);
}
