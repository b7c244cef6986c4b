import { describe, expect, it } from 'vitest';
import { postView } from '@/tests/support/post-view';
import { formatInZone } from '../calendar/zoned-time';
import { undoneMessage, undoNote } from './use-undo-toast';

const offer = { token: 't.s', expiresAt: '2026-12-01T09:00:10.000Z' };

describe('undoNote', () => {
  it('keeps the answers’ offers, and is nothing when none offered one', () => {
    expect(undoNote([null, offer, null])).toEqual({ offers: [offer] });
    expect(undoNote([offer], '2026-12-01T09:00:10.000Z')).toEqual({ offers: [offer], postingAt: '2026-12-01T09:00:10.000Z' });
    expect(undoNote([null])).toBeUndefined();
    expect(undoNote([])).toBeUndefined();
  });
});

describe('undoneMessage', () => {
  it('says where the posts are back to: a draft, a time in the zone, cancelled', () => {
    expect(undoneMessage([postView({ status: 'draft', scheduledAt: null })], 'UTC')).toBe('Undone: back to draft.');
    expect(undoneMessage([postView({ status: 'draft', scheduledAt: null }), postView({ id: 'p2', status: 'draft', scheduledAt: null })], 'UTC')).toBe('Undone: back to draft (2 posts).');
    expect(undoneMessage([postView({ scheduledAt: '2026-12-10T09:30:00.000Z' })], 'Europe/Paris')).toBe(`Undone: back to ${formatInZone('2026-12-10T09:30:00.000Z', 'Europe/Paris')}.`);
    expect(undoneMessage([postView({ status: 'cancelled' })], 'UTC')).toBe('Undone: cancelled again.');
    expect(undoneMessage([postView({ status: 'failed' })], 'UTC')).toBe('Undone: back to failed.');
  });
});
