import type { ReplySetting } from '@/lib/x/rules';

/**
 * X's media grid by number of attachments: one fills the width at its own shape; two sit side by
 * side; three are one tall on the left and two stacked on the right; four are two by two. Several
 * share a 16:9 frame, as on X. Class strings are whole so Tailwind finds them in the source.
 */
export interface MediaGridLayout {
  container: string;
  /** One per tile, in order. */
  tiles: string[];
}

const MULTI = 'grid aspect-video gap-0.5';

export function mediaGridLayout(count: number): MediaGridLayout | null {
  if (count <= 0) return null;
  if (count === 1) return { container: 'grid', tiles: [''] };
  if (count === 2) return { container: `${MULTI} grid-cols-2`, tiles: ['', ''] };
  if (count === 3) return { container: `${MULTI} grid-cols-2 grid-rows-2`, tiles: ['row-span-2', '', ''] };
  // X never takes more than four (lib/x/rules); a fifth is not drawn.
  return { container: `${MULTI} grid-cols-2 grid-rows-2`, tiles: ['', '', '', ''] };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * How long a new poll stays open, in X's words: the largest whole unit (days, else hours, else
 * minutes), rounded down as X counts down.
 */
export function pollTimeLeft(durationMinutes: number): string {
  const minutes = Math.max(0, Math.floor(durationMinutes));
  if (minutes >= 24 * 60) return `${plural(Math.floor(minutes / (24 * 60)), 'day')} left`;
  if (minutes >= 60) return `${plural(Math.floor(minutes / 60), 'hour')} left`;
  return `${plural(minutes, 'minute')} left`;
}

/** The line under a poll that has just been posted. */
export const pollSummary = (durationMinutes: number): string => `0 votes · ${pollTimeLeft(durationMinutes)}`;

const REPLY_NOTES: Record<ReplySetting, string> = {
  following: 'People you follow can reply',
  mentionedUsers: 'Only people mentioned can reply',
  subscribers: 'Only subscribers can reply',
  verified: 'Only verified accounts can reply',
};

/** X's note under a post with limited replies; null when everyone can reply (X shows nothing). */
export const replySettingNote = (setting: ReplySetting | null): string | null => (setting ? REPLY_NOTES[setting] : null);

/** A post on X by id alone (X redirects to the author's URL). */
export const postUrl = (id: string): string => `https://x.com/i/status/${encodeURIComponent(id)}`;
