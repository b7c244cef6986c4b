'use client';

import { useCallback } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import { formatInZone } from '../calendar/zoned-time';
import { useToast } from '../ui/toast';

/** What an action left to undo: the offers of its answers (one per request), and for Post now when the post goes out. */
export interface UndoNote {
  offers: api.UndoOffer[];
  /** Post now: the toast counts down to this instant (ISO), when the post goes out and Undo ends. */
  postingAt?: string;
}

/** The offers of some answers; an answer without one adds nothing. */
export function undoNote(offers: (api.UndoOffer | null)[], postingAt?: string): UndoNote | undefined {
  const live = offers.filter((o): o is api.UndoOffer => o !== null);
  return live.length > 0 ? { offers: live, ...(postingAt ? { postingAt } : {}) } : undefined;
}

/** "Undone: back to …", said of the posts as they are again. */
export function undoneMessage(posts: PostView[], zone: string): string {
  const first = posts[0];
  if (!first) return 'Undone.';
  const many = posts.length > 1 ? ` (${posts.length} posts)` : '';
  if (posts.every((p) => p.status === 'draft')) return `Undone: back to draft${many}.`;
  if ((first.status === 'scheduled' || first.status === 'queued') && first.scheduledAt) return `Undone: back to ${formatInZone(first.scheduledAt, zone)}${many}.`;
  if (first.status === 'cancelled') return `Undone: cancelled again${many}.`;
  return `Undone: back to ${first.status}${many}.`;
}

/**
 * Shows what an action did with its Undo: `message`, or for Post now a countdown. Undo sends the
 * offers back in turn; the toast then says what happened, or the server's reason why not.
 * `onUndone` runs after an undo changed something (a page reloads its posts).
 */
export function useUndoToast(zone: string, onUndone: () => void) {
  const toast = useToast();
  return useCallback(
    (message: string, note: UndoNote) => {
      const postingAt = note.postingAt ? new Date(note.postingAt) : undefined;
      const expiresAt = new Date(Math.min(...note.offers.map((o) => Date.parse(o.expiresAt))));
      toast.show({
        message: postingAt ? (s) => (s > 0 ? `Posting in ${s} s` : 'Posting now') : message,
        until: postingAt && postingAt < expiresAt ? postingAt : expiresAt,
        undo: async () => {
          const restored: PostView[] = [];
          for (const offer of note.offers) {
            const result = await api.posts.undo(offer.token);
            if (!result.ok) {
              if (restored.length > 0) onUndone();
              return restored.length > 0 ? `${undoneMessage(restored, zone)} The rest: ${result.error}` : result.error;
            }
            restored.push(...result.data);
          }
          onUndone();
          return undoneMessage(restored, zone);
        },
      });
    },
    [toast, zone, onUndone],
  );
}
