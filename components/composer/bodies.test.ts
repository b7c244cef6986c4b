import { describe, expect, it } from 'vitest';
import type { PostView } from '@/lib/posts/view';
import { partView, postView } from '@/tests/support/post-view';
import { createBody, partsChanged, updateBody } from './bodies';
import { initialState } from './state';

const at = new Date('2026-12-01T09:30:00Z');
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

  it('saves a draft without a time and publishes now without one', () => {
    expect(createBody('draft', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }] });
    expect(createBody('now', values)).toEqual({ accountId: 'acc', parts: [{ text: 'one' }, { text: 'two' }], publishNow: true });
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

  it('publishes now', () => {
    expect(updateBody('now', post('failed'), values)).toEqual({ publishNow: true });
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

describe('fields the composer does not edit yet', () => {
  it('go back as saved when the text of a part changes, since PATCH replaces the parts whole', () => {
    const poll = { options: ['yes', 'no'], durationMinutes: 60 };
    const saved = postView({
      parts: [partView(0, 'which?', { poll, replyToPostId: '1234567890' }), partView(1, 'and', { quotePostId: '987' })],
    });
    const state = initialState({ kind: 'saved', posts: [saved] }, '');
    const parts = state.posts[0]!.parts.map((p, i) => ({ text: i === 1 ? 'and also' : p.text, media: [], kept: p.kept }));
    const body = updateBody('schedule', saved, { accountId: 'acc', parts, scheduledAt: new Date('2026-12-02T10:00:00Z') });
    expect(body?.parts).toEqual([
      { text: 'which?', poll, replyToPostId: '1234567890' },
      { text: 'and also', quotePostId: '987' },
    ]);
  });
});
