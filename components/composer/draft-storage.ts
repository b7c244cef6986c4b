import { decodeSnapshot, encodeSnapshot, KEY_PREFIX, keysToDrop, type Snapshot } from './autosave';

/**
 * The browser's side of autosave: snapshots in localStorage, where any call may throw (storage
 * off, a sandboxed frame, the quota full) and none of that may break the composer.
 */

/** localStorage, or null where the browser refuses it (storage disabled, a sandboxed frame). */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readSnapshot(key: string): Snapshot | null {
  try {
    return decodeSnapshot(storage()?.getItem(key) ?? null, Date.now());
  } catch {
    return null;
  }
}

export function removeSnapshot(key: string) {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored then either.
  }
}

/** Whether the snapshot is stored: false when over the cap, the quota is full or storage is off. */
export function writeSnapshot(key: string, snapshot: Snapshot): boolean {
  const json = encodeSnapshot(snapshot);
  const store = storage();
  if (json === null || !store) {
    removeSnapshot(key);
    return false;
  }
  try {
    store.setItem(key, json);
    return true;
  } catch {
    return false;
  }
}

/** Drops expired, unreadable and surplus snapshots (every user's: they are this browser's). */
export function sweepSnapshots(): void {
  const store = storage();
  if (!store) return;
  try {
    const now = Date.now();
    const entries: { key: string; savedAt: number | null }[] = [];
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key?.startsWith(KEY_PREFIX)) entries.push({ key, savedAt: decodeSnapshot(store.getItem(key), now)?.savedAt ?? null });
    }
    keysToDrop(entries).forEach(removeSnapshot);
  } catch {
    // A sweep is housekeeping: never worth failing the page for.
  }
}
