import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostView } from '@/lib/posts/view';
import { partView, postView } from '@/tests/support/post-view';
import { createBody, partsChanged, updateBody } from './bodies';
import { initialState } from './state';

const at = new Date('2026-12-01T09:30:00Z');
/** Post now from the composer: 10 s after the (fixed) clock, so Undo has time to stop it. */
const NOW = new Date('2026-11-30T08:00:00Z');
const IN_10_S = '2026-11-30T08:00:10.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});
const values = { accountId: 'acc', parts: [{ text: 'one', media: [] }, { text: 'two', media: [] }], scheduledAt: at };

const post = (status: PostView['status'], texts = ['one', 'two']): PostView =>
  postView({
    status,
    scheduledAt: status === 'draft' ? null : '2026-11-30T10:00:00.000Z',
    parts: texts.map((text, position) => partView(position, text)),
  });

describe('createBody', () => {
  it('schedules with an ISO time', () => {
    expect(createBody('schedule', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }], scheduledAt: '2026-12-01T09:30:00.000Z' });
  });

  it('saves a draft without a time, and posts now 10 s from now (the form’s time ignored)', () => {
    expect(createBody('draft', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }] });
    expect(createBody('now', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }], scheduledAt: IN_10_S });
  });

  it('adds to the queue with queue: true and no time, whatever time the form holds', () => {
    expect(createBody('queue', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }], queue: true });
  });
});

describe('updateBody', () => {
  it('puts a draft or a scheduled post in the queue without a time', () => {
    expect(updateBody('queue', post('draft'), values)).toEqual({ queue: true });
    expect(updateBody('queue', post('scheduled', ['old']), values)).toEqual({ parts: [{ text: 'one' }, { text: 'two' }], queue: true });
  });

  it('sends parts only when they changed', () => {
    expect(updateBody('schedule', post('scheduled'), values)).toEqual({ scheduledAt: '2026-12-01T09:30:00.000Z' });
    expect(updateBody('schedule', post('scheduled', ['one']), values)).toEqual({
      parts: [{ text: 'one' }, { text: 'two' }],
      scheduledAt: '2026-12-01T09:30:00.000Z',
    });
  });

  it('takes a scheduled post back to draft, and leaves a draft a draft', () => {
    expect(updateBody('draft', post('scheduled'), values)).toEqual({ scheduledAt: null });
    expect(updateBody('draft', post('draft', ['old']), values)).toEqual({ parts: [{ text: 'one' }, { text: 'two' }] });
    expect(updateBody('draft', post('draft'), values)).toBeNull();
  });

  it('posts now 10 s from now', () => {
    expect(updateBody('now', post('failed'), values)).toEqual({ scheduledAt: IN_10_S });
  });
});

describe('media in bodies', () => {
  const image = { id: 'm1', altText: '  A red square ' };
  const withMedia = { ...values, parts: [{ text: 'one', media: [image, { id: 'm2', altText: '' }] }, { text: 'two', media: [] }] };

  it('sends media ids with trimmed alt text, and no media key on parts without any', () => {
    expect(createBody('draft', withMedia).parts).toEqual([
      { text: 'one', media: [{ id: 'm1', altText: 'A red square' }, { id: 'm2' }] },
      { text: 'two' },
    ]);
  });

  it('sends parts when media or alt text changed, not when only spacing did', () => {
    const saved = post('scheduled');
    saved.parts[0]!.media = [
      { id: 'm1', kind: 'image', mimeType: 'image/png', altText: 'A red square' },
      { id: 'm2', kind: 'image', mimeType: 'image/png', altText: null },
    ];
    expect(partsChanged(saved, withMedia.parts)).toBe(false);
    expect(updateBody('schedule', saved, withMedia)).toEqual({ scheduledAt: '2026-12-01T09:30:00.000Z' });
    expect(partsChanged(saved, [{ text: 'one', media: [{ ...image, altText: 'A blue square' }, { id: 'm2', altText: '' }] }, { text: 'two', media: [] }])).toBe(true);
    expect(partsChanged(saved, [{ text: 'one', media: [image] }, { text: 'two', media: [] }])).toBe(true);
    expect(updateBody('schedule', saved, values)).toEqual({ parts: [{ text: 'one' }, { text: 'two' }], scheduledAt: '2026-12-01T09:30:00.000Z' });
  });
});

describe('polls, quotes, replies and who can reply in bodies', () => {
  const poll = { options: ['yes', 'no'], durationMinutes: 60 };

  it('go back as saved when the text of a part changes, since PATCH replaces the parts whole', () => {
    const saved = postView({
      parts: [partView(0, 'which?', { poll, replyToPostId: '1234567890' }), partView(1, 'and', { quotePostId: '987' })],
    });
    const state = initialState({ kind: 'saved', posts: [saved] }, '');
    const parts = state.posts[0]!.parts.map((p, i) => ({ text: i === 1 ? 'and also' : p.text, media: [], kinds: p.kinds }));
    const body = updateBody('schedule', saved, { accountId: 'acc', parts, scheduledAt: new Date('2026-12-02T10:00:00Z') });
    expect(body?.parts).toEqual([
      { text: 'which?', poll, replyToPostId: '1234567890' },
      { text: 'and also', quotePostId: '987' },
    ]);
  });

  it('sends the ids a pasted link names, the text as typed when it names none, and nothing for an empty field', () => {
    const body = createBody('now', {
      accountId: 'acc',
      replySettings: 'mentionedUsers',
      scheduledAt: null,
      parts: [
        { text: 'one', media: [], kinds: { poll, quote: null, replyTo: ' https://x.com/jack/status/20?s=46 ' } },
        { text: 'two', media: [], kinds: { poll: null, quote: 'https://example.com/status/1', replyTo: null } },
        { text: 'three', media: [], kinds: { poll: null, quote: '  ', replyTo: null } },
      ],
    });
    expect(body).toEqual({
      accountId: 'acc',
      replySettings: 'mentionedUsers',
      scheduledAt: IN_10_S,
      parts: [{ text: 'one', poll, replyToPostId: '20' }, { text: 'two', quotePostId: 'https://example.com/status/1' }, { text: 'three' }],
    });
    // Everyone is X's default: no field at all.
    expect(createBody('draft', { ...values, replySettings: null })).not.toHaveProperty('replySettings');
  });

  it('sends parts when only a poll, a quote or a reply target changed, and who can reply when it changed (null: everyone again)', () => {
    const saved = postView({ replySettings: 'following', parts: [partView(0, 'one', { poll }), partView(1, 'two')] });
    const kinds = initialState({ kind: 'saved', posts: [saved] }, '').posts[0]!.parts.map((p) => p.kinds);
    const same = { accountId: 'acc', scheduledAt: null, replySettings: 'following' as const, parts: [{ text: 'one', media: [], kinds: kinds[0] }, { text: 'two', media: [], kinds: kinds[1] }] };
    expect(updateBody('draft', saved, same)).toEqual({ scheduledAt: null });

    const longer = { ...same, parts: [{ text: 'one', media: [], kinds: { ...kinds[0]!, poll: { ...poll, durationMinutes: 90 } } }, same.parts[1]!] };
    expect(updateBody('draft', saved, longer)?.parts?.[0]).toEqual({ text: 'one', poll: { ...poll, durationMinutes: 90 } });
    const renamed = { ...same, parts: [{ text: 'one', media: [], kinds: { ...kinds[0]!, poll: { ...poll, options: ['yes', 'maybe'] } } }, same.parts[1]!] };
    expect(partsChanged(saved, renamed.parts)).toBe(true);
    const quoting = { ...same, parts: [same.parts[0]!, { text: 'two', media: [], kinds: { ...kinds[1]!, quote: 'https://x.com/a/status/5' } }] };
    expect(updateBody('draft', saved, quoting)?.parts?.[1]).toEqual({ text: 'two', quotePostId: '5' });
    // A link to the saved id is no change.
    const savedQuote = postView({ parts: [partView(0, 'one', { quotePostId: '5' })] });
    expect(partsChanged(savedQuote, [{ text: 'one', media: [], kinds: { poll: null, quote: 'https://x.com/a/status/5', replyTo: null } }])).toBe(false);

    expect(updateBody('draft', saved, { ...same, replySettings: null })).toEqual({ replySettings: null, scheduledAt: null });
    expect(updateBody('draft', saved, { ...same, replySettings: 'verified' })).toEqual({ replySettings: 'verified', scheduledAt: null });
  });
});
