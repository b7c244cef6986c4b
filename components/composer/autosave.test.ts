import { describe, expect, it } from 'vitest';
import { partView, postView } from '@/tests/support/post-view';
import {
  decodeSnapshot,
  editStart,
  encodeSnapshot,
  isDirty,
  keysToDrop,
  newPostStart,
  parseKey,
  SNAPSHOT_MAX_AGE_MS,
  SNAPSHOT_MAX_CHARS,
  SNAPSHOTS_KEPT,
  snapshotKey,
  timeAgo,
  toSnapshot,
  type Snapshot,
} from './autosave';
import { copyOf } from './duplicate';
import { composerReducer, initialState, type ComposerAction, type ComposerState } from './state';

const NOW = Date.UTC(2026, 11, 7, 12, 0);
const run = (state: ComposerState, ...actions: ComposerAction[]) => actions.reduce(composerReducer, state);
const fresh = () => initialState({ kind: 'new', accountId: 'acc' }, '2026-12-08T09:30');
const withImage = partView(0, 'hello', { media: [{ id: 'm1', kind: 'image', mimeType: 'image/png', altText: 'a red square' }], quotePostId: '42' });
const saved = postView({ id: 'p1', revision: 3, parts: [withImage, partView(1, 'two')] });

describe('snapshot', () => {
  it('keeps text, uploaded media with alt text and the other part fields, and reads back as it was', () => {
    const state = run(initialState({ kind: 'saved', posts: [saved] }, '2026-12-08T09:30'), { type: 'text', partKey: 1, text: 'two, edited' });
    const snapshot = toSnapshot(state, new Date('2026-12-08T08:30:00Z'), NOW);
    const back = decodeSnapshot(encodeSnapshot(snapshot), NOW);
    expect(back).toEqual(snapshot);
    expect(back?.posts[0]).toMatchObject({ accountId: 'acc', postId: 'p1', revision: 3 });
    expect(back?.posts[0]?.parts[0]).toEqual({
      text: 'hello',
      media: [{ id: 'm1', kind: 'image', mimeType: 'image/png', name: 'Image (PNG)', altText: 'a red square' }],
      fields: { kinds: { poll: null, quote: '42', replyTo: null } },
    });
    expect(back?.when).toBe('2026-12-08T08:30:00.000Z');
    expect(back?.groupId).toBe('g');
  });

  it('leaves out files still uploading or failed: they cannot be kept', () => {
    const file = new File(['x'], 'a.png');
    const state = run(fresh(), { type: 'text', partKey: 0, text: 'hi' }, { type: 'attach', partKey: 0, files: [{ key: 'u', file, name: 'a.png', kind: 'image', mimeType: 'image/png' }], refused: [] });
    expect(toSnapshot(state, null, NOW).posts[0]?.parts[0]?.media).toEqual([]);
  });

  it('ignores what is not a current snapshot, never throws', () => {
    const good = toSnapshot(run(fresh(), { type: 'text', partKey: 0, text: 'hi' }), null, NOW);
    const json = encodeSnapshot(good)!;
    expect(decodeSnapshot(json, NOW)).not.toBeNull();
    for (const raw of [null, '', '{', 'null', '[]', '42', JSON.stringify({ ...good, v: 1 }), JSON.stringify({ ...good, v: 3 }), JSON.stringify({ ...good, posts: [] }), JSON.stringify({ ...good, posts: [{ accountId: 'a', postId: null, revision: null, parts: [{ text: 5, media: [], fields: {} }] }] })]) {
      expect(decodeSnapshot(raw, NOW)).toBeNull();
    }
    // A part without its fields (an older shape) is not half-trusted.
    const older = { ...good, posts: [{ ...good.posts[0]!, parts: [{ text: 'hi', media: [] }] }] };
    expect(decodeSnapshot(JSON.stringify(older), NOW)).toBeNull();
  });

  it('expires after a week; a savedAt in the future is not forever young', () => {
    const snap = (savedAt: number): string => encodeSnapshot({ ...toSnapshot(fresh(), null, NOW), savedAt })!;
    expect(decodeSnapshot(snap(NOW - SNAPSHOT_MAX_AGE_MS + 1000), NOW)).not.toBeNull();
    expect(decodeSnapshot(snap(NOW - SNAPSHOT_MAX_AGE_MS - 1000), NOW)).toBeNull();
    expect(decodeSnapshot(snap(NOW + 10 * SNAPSHOT_MAX_AGE_MS), NOW)).not.toBeNull();
  });

  it('is not stored over the size cap', () => {
    const big = run(fresh(), { type: 'text', partKey: 0, text: 'x'.repeat(SNAPSHOT_MAX_CHARS) });
    expect(encodeSnapshot(toSnapshot(big, null, NOW))).toBeNull();
    expect(decodeSnapshot(`"${'x'.repeat(SNAPSHOT_MAX_CHARS)}"`, NOW)).toBeNull();
  });

  it('is keyed by user and target', () => {
    expect(snapshotKey('u1', { kind: 'new' })).not.toBe(snapshotKey('u2', { kind: 'new' }));
    expect(parseKey(snapshotKey('u1', { kind: 'new' }))).toEqual({ userId: 'u1', target: { kind: 'new' } });
    expect(parseKey(snapshotKey('u1', { kind: 'post', postId: 'p-1' }))).toEqual({ userId: 'u1', target: { kind: 'post', postId: 'p-1' } });
    expect(parseKey('other.key')).toBeNull();
  });

  it('drops unreadable ones and all but the newest kept', () => {
    const entries = [{ key: 'bad', savedAt: null }, ...Array.from({ length: SNAPSHOTS_KEPT + 2 }, (_, i) => ({ key: `k${i}`, savedAt: i }))];
    expect(keysToDrop(entries).sort()).toEqual(['bad', 'k0', 'k1']);
  });
});

describe('restoring', () => {
  const snapshotOf = (state: ComposerState): Snapshot => toSnapshot(state, null, NOW);

  it('brings a new post back for the accounts still connected', () => {
    const two = run(fresh(), { type: 'text', partKey: 0, text: 'hi' }, { type: 'accounts', accountIds: ['acc', 'gone'] });
    const start = newPostStart(snapshotOf(two), ['acc', 'other'], 'other');
    expect(start.map((d) => [d.accountId, d.parts.map((p) => p.text)])).toEqual([['acc', ['hi']]]);
    // None left: the text stays, on the account the composer would pick.
    expect(newPostStart(snapshotOf(two), ['other'], 'other').map((d) => [d.accountId, d.parts[0]?.text])).toEqual([['other', 'hi']]);
    const state = initialState({ kind: 'drafts', posts: start }, '');
    expect(state.posts[0]?.parts.map((p) => p.key)).toEqual([0]);
    expect(state.nextKey).toBe(1);
  });

  it('applies edits over the same revision, and calls them stale over a newer one', () => {
    const edited = run(initialState({ kind: 'saved', posts: [saved] }, ''), { type: 'text', partKey: 0, text: 'hello again' });
    const current = editStart(snapshotOf(edited), [saved]);
    expect(current.kind).toBe('current');
    expect(current.kind !== 'none' && current.posts[0]?.parts.map((p) => p.text)).toEqual(['hello again', 'two']);
    expect(current.kind !== 'none' && current.posts[0]?.parts[0]?.media[0]).toMatchObject({ id: 'm1', status: 'ready', altText: 'a red square' });
    expect(editStart(snapshotOf(edited), [{ ...saved, revision: 4 }]).kind).toBe('stale');
    expect(editStart(snapshotOf(edited), [{ ...saved, id: 'p2' }]).kind).toBe('none');
  });
});

describe('dirty', () => {
  it('a new post: text, media or another part field, not accounts or time alone', () => {
    const opened = fresh();
    expect(isDirty(opened, opened, true)).toBe(false);
    expect(isDirty(run(opened, { type: 'when', value: '2026-12-09T10:00' }, { type: 'accounts', accountIds: ['acc', 'b'] }), opened, true)).toBe(false);
    expect(isDirty(run(opened, { type: 'text', partKey: 0, text: '  ' }), opened, true)).toBe(false);
    expect(isDirty(run(opened, { type: 'text', partKey: 0, text: 'n' }), opened, true)).toBe(true);
    const quoted = initialState({ kind: 'new', accountId: 'acc', parts: [{ text: '', media: [], kinds: { poll: null, quote: '9', replyTo: null } }] }, '');
    expect(isDirty(quoted, opened, true)).toBe(true);
  });

  it('a saved post: parts or time changed from what was opened', () => {
    const opened = initialState({ kind: 'saved', posts: [saved] }, '2026-12-08T09:30');
    expect(isDirty(opened, opened, false)).toBe(false);
    // A state rebuilt from the same post (new media keys) is the same content.
    expect(isDirty(initialState({ kind: 'saved', posts: [saved] }, '2026-12-08T09:30'), opened, false)).toBe(false);
    expect(isDirty(run(opened, { type: 'when', value: '2026-12-08T10:00' }), opened, false)).toBe(true);
    expect(isDirty(run(opened, { type: 'altText', partKey: 0, itemKey: opened.posts[0]!.parts[0]!.media[0]!.key, altText: 'blue' }), opened, false)).toBe(true);
    expect(isDirty(run(opened, { type: 'text', partKey: 1, text: 'two!' }, { type: 'text', partKey: 1, text: 'two' }), opened, false)).toBe(false);
  });
});

describe('duplicate', () => {
  it('copies every account’s parts as new posts, uploaded media included', () => {
    const group = initialState({ kind: 'saved', posts: [saved, postView({ id: 'p2', accountId: 'b', parts: [partView(0, 'bee')] })] }, '');
    const copy = copyOf(group);
    expect(copy.map((d) => [d.accountId, d.saved, d.parts.map((p) => p.text)])).toEqual([
      ['acc', null, ['hello', 'two']],
      ['b', null, ['bee']],
    ]);
    expect(copy[0]?.parts[0]).toMatchObject({ media: [{ id: 'm1', altText: 'a red square', status: 'ready' }], kinds: { quote: '42' } });
    expect(copy[0]?.parts[0]).not.toHaveProperty('key');
    expect(initialState({ kind: 'drafts', posts: copy }, '').posts.flatMap((d) => d.parts.map((p) => p.key))).toEqual([0, 1, 2]);
  });
});

describe('timeAgo', () => {
  it('says it in words', () => {
    expect(timeAgo(NOW - 20_000, NOW)).toBe('just now');
    expect(timeAgo(NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(timeAgo(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago');
    expect(timeAgo(NOW - 3 * 3_600_000, NOW)).toBe('3 hours ago');
    expect(timeAgo(NOW - 2 * 86_400_000, NOW)).toBe('2 days ago');
    expect(timeAgo(NOW + 60_000, NOW)).toBe('just now');
  });
});
