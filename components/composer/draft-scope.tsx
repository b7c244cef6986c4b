'use client';

import { createContext, useContext, type ReactNode } from 'react';

/**
 * Whose drafts the composer autosaves: the signed-in user's id, set once by the dashboard layout.
 * Empty (no provider) turns autosave off rather than sharing drafts between people on one browser.
 */
const DraftScope = createContext('');

export function DraftScopeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  return <DraftScope value={userId}>{children}</DraftScope>;
}

export const useDraftScope = () => useContext(DraftScope);
