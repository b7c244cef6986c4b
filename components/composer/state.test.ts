import { describe, expect, it } from 'vitest';
import { partView, postView } from '@/tests/support/post-view';
import type { ErrorLayout } from './errors';
import { composerReducer, initialState, type CheckedFile, type ComposerAction, type ComposerState } from './state';

const run = (state: ComposerState, ...actions: ComposerAction[]) => actions.reduce(composerReducer, state);
const fresh = () => initialState({ kind: 'new', accountId: 'acc' }, '2026-12-01T09:30');
const parts = (s: ComposerState, post = 0) => s.posts[post]!.parts;
const texts = (s: ComposerState, post = 0) => parts(s, post).map((p) => p.text);
const layoutOf = (s: ComposerState): ErrorLayout => ({ grouped: false, posts: [{ label: '@a', partKeys: parts(s).map((p) => p.key) }] });
const checked = (key: string, kind: CheckedFile['kind'] = 'image'): CheckedFile => ({
  key,
  file: new File(['x'], `${key}.bin`),
  name: `${key}.png`,
  kind,
  mimeType: kind === 'video' ? 'video/mp4' : kind === 'gif' ? 'image/gif' : 'image/png',
});
const failure = (fields: Record<string, string[]>) => ({ ok: false as const, status: 400, error: 'Invalid input', fields });

describe('parts', () => {
  it('adds a part and moves the focus to it; removing one focuses its neighbour', () => {
    const three = run(fresh(), { type: 'text', partKey: 0, text: 'one' }, { type: 'addPart', post: 0 }, { type: 'text', partKey: 1, text: 'two' }, { type: 'addPart', post: 0 });
    expect(texts(three)).toEqual(['one', 'two', '']);
    expect(three.focusKey).toBe(2);
    const removed = run(three, { type: 'removePart', partKey: 1 });
    expect(texts(removed)).toEqual(['one', '']);
    expect(removed.focusKey).toBe(0);
    expect(run(three, { type: 'removePart', partKey: 0 }).focusKey).toBe(1);
    // Keys stay unique after removals.
    expect(parts(run(removed, { type: 'addPart', post: 0 })).map((p) => p.key)).toEqual([0, 2, 3]);
  });

  it('never removes the last part', () => {
    const one = fresh();
    expect(run(one, { type: 'removePart', partKey: 0 })).toBe(one);
  });

  it('opens a saved post with its parts and media', () => {
    const post = postView({
      parts: [
        partView(0, 'a', { media: [{ id: 'm1', kind: 'image', mimeType: 'image/png', altText: 'red' }] }),
        partView(1, 'b'),
      ],
    });
    const state = initialState({ kind: 'saved', posts: [post] }, '');
    expect(texts(state)).toEqual(['a', 'b']);
    expect(parts(state)[0]!.media[0]).toMatchObject({ id: 'm1', status: 'ready', altText: 'red', file: null });
    expect(parts(run(state, { type: 'addPart', post: 0 }))[2]!.key).toBe(2);
  });
});

describe('media', () => {
  it('attaches what X allows and says why the rest was refused', () => {
    const state = run(fresh(), { type: 'attach', partKey: 0, files: [checked('a'), checked('g', 'gif')], refused: ['x.bmp: unsupported file type.'] });
    expect(parts(state)[0]!.media.map((m) => [m.key, m.status])).toEqual([['a', 'uploading']]);
    expect(state.notices[0]).toEqual(['x.bmp: unsupported file type.', expect.stringMatching(/^g\.png: not added\./)]);
  });

  it('follows an upload from progress to ready, or to its own error', () => {
    const attached = run(fresh(), { type: 'attach', partKey: 0, files: [checked('a'), checked('b')], refused: [] });
    const done = run(
      attached,
      { type: 'uploadProgress', key: 'a', progress: 0.5 },
      { type: 'uploaded', key: 'a', media: { id: 'm1', kind: 'image', mimeType: 'image/webp', size: 10 } },
      { type: 'uploadFailed', key: 'b', error: 'Too large' },
      // Late progress of a finished upload changes nothing.
      { type: 'uploadProgress', key: 'a', progress: 0.9 },
    );
    expect(parts(done)[0]!.media).toMatchObject([
      { key: 'a', id: 'm1', mimeType: 'image/webp', status: 'ready', progress: 1, file: null },
      { key: 'b', id: null, status: 'failed', error: 'Too large', file: null },
    ]);
  });

  it('edits alt text and detaches, clearing that part’s media errors', () => {
    const withError = run(
      fresh(),
      { type: 'attach', partKey: 0, files: [checked('a')], refused: [] },
      { type: 'refused', failure: failure({ 'parts.0.media.0.altText': ['Alt text has at most 1000 characters'] }), layout: layoutOf(fresh()) },
    );
    expect(withError.errors.media).toEqual({ 0: ['Alt text has at most 1000 characters'] });
    const edited = run(withError, { type: 'altText', partKey: 0, itemKey: 'a', altText: 'A red square' });
    expect(parts(edited)[0]!.media[0]!.altText).toBe('A red square');
    expect(edited.errors.media).toEqual({});
    expect(parts(run(withError, { type: 'detach', partKey: 0, itemKey: 'a' }))[0]!.media).toEqual([]);
  });
});

describe('accounts', () => {
  it('gives a newly picked account a copy of the first post to reword, with new part keys', () => {
    const typed = run(fresh(), { type: 'text', partKey: 0, text: 'Launch day' }, { type: 'addPart', post: 0 }, { type: 'text', partKey: 1, text: 'Details' });
    const two = run(typed, { type: 'accounts', accountIds: ['acc', 'b'] });
    expect(two.posts.map((d) => d.accountId)).toEqual(['acc', 'b']);
    expect(texts(two, 1)).toEqual(['Launch day', 'Details']);
    expect(parts(two, 1).map((p) => p.key)).toEqual([2, 3]);
    // Each post is its own from then on.
    expect(texts(run(two, { type: 'text', partKey: 2, text: 'Launch day, from b' }), 0)).toEqual(['Launch day', 'Details']);
  });

  it('brings back what an un-picked account had when it is picked again', () => {
    const two = run(fresh(), { type: 'text', partKey: 0, text: 'one' }, { type: 'accounts', accountIds: ['acc', 'b'] }, { type: 'text', partKey: 1, text: 'b own words' });
    const again = run(two, { type: 'accounts', accountIds: ['acc'] }, { type: 'accounts', accountIds: ['acc', 'b'] });
    expect(texts(again, 1)).toEqual(['b own words']);
  });

  it('keeps the text on screen when no account is picked, and moves it to the next one picked', () => {
    const none = run(fresh(), { type: 'text', partKey: 0, text: 'keep me' }, { type: 'accounts', accountIds: [] });
    expect(none.posts).toMatchObject([{ accountId: '' }]);
    expect(texts(none)).toEqual(['keep me']);
    const moved = run(fresh(), { type: 'text', partKey: 0, text: 'keep me' }, { type: 'accounts', accountIds: ['b'] });
    expect(moved.posts.map((d) => d.accountId)).toEqual(['b']);
    expect(texts(moved)).toEqual(['keep me']);
    // Switching back does not duplicate the parts (keys stay unique).
    const back = run(moved, { type: 'accounts', accountIds: ['acc', 'b'] });
    const keys = back.posts.flatMap((d) => d.parts.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('opens a saved group with one post per account', () => {
    const group = initialState({ kind: 'saved', posts: [postView({ id: 'p1', accountId: 'a' }), postView({ id: 'p2', accountId: 'b', parts: [partView(0, 'b says')] })] }, '');
    expect(group.posts.map((d) => [d.accountId, d.saved?.id])).toEqual([
      ['a', 'p1'],
      ['b', 'p2'],
    ]);
    expect(parts(group, 1).map((p) => p.key)).toEqual([2]);
    expect(run(group, { type: 'savedOne', post: postView({ id: 'p2', accountId: 'b', revision: 7 }) }).posts[1]!.saved?.revision).toBe(7);
  });
});

describe('account, time and requests', () => {
  it('changes the account and the time, clearing their errors', () => {
    const refused = run(fresh(), { type: 'refused', failure: failure({ accountId: ['Unknown account'], scheduledAt: ['Must be in the future'] }), layout: layoutOf(fresh()) });
    expect(run(refused, { type: 'accounts', accountIds: ['other'] })).toMatchObject({ posts: [{ accountId: 'other' }], errors: { accounts: [], scheduledAt: ['Must be in the future'] } });
    expect(run(refused, { type: 'when', value: '2027-01-01T10:00' })).toMatchObject({ when: '2027-01-01T10:00', errors: { accounts: ['Unknown account'], scheduledAt: [] } });
  });

  it('maps the API’s field errors onto the parts, where they stay when a part before goes', () => {
    const thread = run(fresh(), { type: 'addPart', post: 0 }, { type: 'addPart', post: 0 }, { type: 'start', busy: 'schedule' });
    expect(thread.busy).toBe('schedule');
    const refused = run(thread, { type: 'refused', failure: failure({ 'parts.2.text': ['Post text is empty'], parts: ['A thread has at most 25 parts'] }), layout: layoutOf(thread) });
    expect(refused).toMatchObject({ busy: null, errors: { parts: { 2: ['Post text is empty'] }, general: ['A thread has at most 25 parts'] } });
    expect(run(refused, { type: 'removePart', partKey: 0 }).errors.parts).toEqual({ 2: ['Post text is empty'] });
    expect(run(refused, { type: 'text', partKey: 2, text: 'now filled' }).errors.parts).toEqual({});
    // A new request starts with a clean slate.
    expect(run(refused, { type: 'start', busy: 'draft' }).errors.general).toEqual([]);
  });

  it('shows its own problems before asking the API', () => {
    expect(run(fresh(), { type: 'invalid', errors: { scheduledAt: ['Pick a date and time.'] } }).errors.scheduledAt).toEqual(['Pick a date and time.']);
  });
});

describe('polls, quotes, replies and who can reply', () => {
  const withPoll = () => run(fresh(), { type: 'addPoll', partKey: 0 });
  const kinds = (s: ComposerState, index = 0, post = 0) => parts(s, post)[index]!.kinds;

  it('adds a poll of two empty options open a day, edits its options within 2 to 4, and its length', () => {
    const s = run(
      withPoll(),
      { type: 'pollOption', partKey: 0, index: 0, text: 'Tea' },
      { type: 'pollOption', partKey: 0, index: 1, text: 'Coffee' },
      { type: 'addPollOption', partKey: 0 },
      { type: 'addPollOption', partKey: 0 },
      { type: 'addPollOption', partKey: 0 },
      { type: 'pollDuration', partKey: 0, minutes: 90 },
    );
    expect(kinds(s).poll).toEqual({ options: ['Tea', 'Coffee', '', ''], durationMinutes: 90 });
    const two = run(s, { type: 'removePollOption', partKey: 0, index: 2 }, { type: 'removePollOption', partKey: 0, index: 2 }, { type: 'removePollOption', partKey: 0, index: 0 });
    expect(kinds(two).poll?.options).toEqual(['Tea', 'Coffee']);
    expect(kinds(run(two, { type: 'removePoll', partKey: 0 }))).toEqual({ poll: null, quote: null, replyTo: null });
  });

  it('refuses a poll beside media or a quote, and media or a quote beside a poll, saying why for files', () => {
    const withImage = run(fresh(), { type: 'attach', partKey: 0, files: [checked('a')], refused: [] });
    expect(run(withImage, { type: 'addPoll', partKey: 0 })).toBe(withImage);
    const quoting = run(fresh(), { type: 'postRef', partKey: 0, field: 'quote', value: '' });
    expect(run(quoting, { type: 'addPoll', partKey: 0 })).toBe(quoting);

    const poll = withPoll();
    expect(run(poll, { type: 'postRef', partKey: 0, field: 'quote', value: '20' })).toBe(poll);
    const attached = run(poll, { type: 'attach', partKey: 0, files: [checked('b')], refused: [] });
    expect(parts(attached)[0]!.media).toEqual([]);
    expect(attached.notices[0]).toEqual(['b.png: A post with a poll cannot have media too.']);
    // A reply target goes with anything.
    expect(kinds(run(poll, { type: 'postRef', partKey: 0, field: 'replyTo', value: 'https://x.com/a/status/9' })).replyTo).toBe('https://x.com/a/status/9');
  });

  it('keeps a pasted link as typed, and removes the quote or reply with null', () => {
    const s = run(fresh(), { type: 'postRef', partKey: 0, field: 'quote', value: '' }, { type: 'postRef', partKey: 0, field: 'quote', value: 'https://x.com/jack/status/20' });
    expect(kinds(s).quote).toBe('https://x.com/jack/status/20');
    expect(kinds(run(s, { type: 'postRef', partKey: 0, field: 'quote', value: null })).quote).toBeNull();
  });

  it('opens a saved post with its poll, quote, reply target and who can reply', () => {
    const saved = postView({
      replySettings: 'verified',
      parts: [partView(0, 'one', { poll: { options: ['a', 'b'], durationMinutes: 5 }, replyToPostId: '7' }), partView(1, 'two', { quotePostId: '8' })],
    });
    const s = initialState({ kind: 'saved', posts: [saved] }, '');
    expect(s.posts[0]!.replySettings).toBe('verified');
    expect(parts(s).map((p) => p.kinds)).toEqual([
      { poll: { options: ['a', 'b'], durationMinutes: 5 }, quote: null, replyTo: '7' },
      { poll: null, quote: '8', replyTo: null },
    ]);
  });

  it('sets who can reply per post, and a newly picked account starts from the first post’s', () => {
    const s = run(fresh(), { type: 'replySettings', post: 0, value: 'mentionedUsers' }, { type: 'addPoll', partKey: 0 }, { type: 'accounts', accountIds: ['acc', 'other'] });
    expect(s.posts.map((d) => d.replySettings)).toEqual(['mentionedUsers', 'mentionedUsers']);
    expect(kinds(s, 0, 1).poll).toEqual({ options: ['', ''], durationMinutes: 1440 });
    const changed = run(s, { type: 'replySettings', post: 1, value: null });
    expect(changed.posts.map((d) => d.replySettings)).toEqual(['mentionedUsers', null]);
  });

  it("puts the API's poll, quote, reply and who-can-reply errors on their part, and clears them when that field changes", () => {
    const two = run(fresh(), { type: 'addPart', post: 0 }, { type: 'addPoll', partKey: 1 });
    const refused = run(two, {
      type: 'refused',
      failure: failure({ 'parts.1.poll.options.0': ['Option 1 is empty'], 'parts.0.quotePostId': ["Paste a post's link or id"], replySettings: ['bad'] }),
      layout: layoutOf(two),
    });
    expect(refused.errors.extras).toEqual({ 1: { 'poll.options.0': ['Option 1 is empty'] }, 0: { quotePostId: ["Paste a post's link or id"] } });
    expect(refused.errors.replySettings).toEqual({ 0: ['bad'] });
    const typed = run(refused, { type: 'pollOption', partKey: 1, index: 0, text: 'yes' });
    expect(typed.errors.extras).toEqual({ 0: { quotePostId: ["Paste a post's link or id"] } });
    expect(run(typed, { type: 'replySettings', post: 0, value: 'following' }).errors.replySettings).toEqual({});
    expect(run(typed, { type: 'removePart', partKey: 0 }).errors.extras).toEqual({});
  });
});

describe('reorder, split and merge', () => {
  const threeParts = () => run(fresh(), { type: 'text', partKey: 0, text: 'one' }, { type: 'addPart', post: 0 }, { type: 'text', partKey: 1, text: 'two' }, { type: 'addPart', post: 0 }, { type: 'text', partKey: 2, text: 'three' });
  const uploaded = (state: ComposerState, partKey: number, key: string, kind: CheckedFile['kind'] = 'image') =>
    run(state, { type: 'attach', partKey, files: [checked(key, kind)], refused: [] }, { type: 'uploaded', key, media: { id: `id-${key}`, kind, mimeType: 'image/png', size: 1 } });

  it('moves a part within its post, keeping its key, text and errors, and leaves the focus alone', () => {
    const three = threeParts();
    const refused = run(three, { type: 'refused', failure: failure({ 'parts.2.text': ['Too long'] }), layout: layoutOf(three) });
    const up = run(refused, { type: 'movePart', partKey: 2, to: 0 });
    expect(texts(up)).toEqual(['three', 'one', 'two']);
    expect(parts(up).map((p) => p.key)).toEqual([2, 0, 1]);
    expect(up.errors.parts).toEqual({ 2: ['Too long'] });
    expect(up.focusKey).toBe(refused.focusKey);
    expect(texts(run(three, { type: 'movePart', partKey: 0, to: 2 }))).toEqual(['two', 'three', 'one']);
    // Out of range, or where it already is: nothing changes.
    expect(run(three, { type: 'movePart', partKey: 0, to: 3 })).toBe(three);
    expect(run(three, { type: 'movePart', partKey: 1, to: 1 })).toBe(three);
    expect(run(three, { type: 'movePart', partKey: 9, to: 0 })).toBe(three);
  });

  it('moves only within the post holding the part', () => {
    const two = run(threeParts(), { type: 'accounts', accountIds: ['acc', 'b'] });
    const moved = run(two, { type: 'movePart', partKey: 5, to: 0 });
    expect(texts(moved, 0)).toEqual(['one', 'two', 'three']);
    expect(texts(moved, 1)).toEqual(['three', 'one', 'two']);
  });

  it('splits a part in place: the first piece keeps the part, the rest are new parts', () => {
    const withMedia = uploaded(threeParts(), 1, 'a');
    const split = run(withMedia, { type: 'splitPart', partKey: 1, texts: ['two a', 'two b', 'two c'] });
    expect(texts(split)).toEqual(['one', 'two a', 'two b', 'two c', 'three']);
    expect(parts(split).map((p) => p.key)).toEqual([0, 1, 3, 4, 2]);
    expect(parts(split)[1]!.media.map((m) => m.id)).toEqual(['id-a']);
    expect(parts(split)[2]!.media).toEqual([]);
    // Keys stay unique afterwards.
    expect(parts(run(split, { type: 'addPart', post: 0 })).at(-1)!.key).toBe(5);
    expect(run(withMedia, { type: 'splitPart', partKey: 1, texts: [] })).toBe(withMedia);
  });

  it('keeps a saved part’s poll, quote and reply on the first piece', () => {
    const poll = { options: ['yes', 'no'], durationMinutes: 60 };
    const saved = initialState({ kind: 'saved', posts: [postView({ parts: [partView(0, 'long text', { poll, quotePostId: '42' })] })] }, '');
    const split = run(saved, { type: 'splitPart', partKey: 0, texts: ['long', 'text'] });
    expect(parts(split)[0]!.kinds).toEqual({ poll, quote: '42', replyTo: null });
    expect(parts(split)[1]!.kinds).toEqual({ poll: null, quote: null, replyTo: null });
  });

  it('never splits past the most parts a thread may have', () => {
    const three = threeParts();
    const pieces = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
    expect(run(three, { type: 'splitPart', partKey: 0, texts: pieces(24) })).toBe(three);
    expect(parts(run(three, { type: 'splitPart', partKey: 0, texts: pieces(23) }))).toHaveLength(25);
  });

  it('merges a post’s parts into one with every part’s media, when X’s media rule allows', () => {
    const three = uploaded(uploaded(threeParts(), 0, 'a'), 2, 'b');
    const merged = run(three, { type: 'mergeThread', post: 0, text: 'one\n\ntwo\n\nthree' });
    expect(texts(merged)).toEqual(['one\n\ntwo\n\nthree']);
    expect(parts(merged)[0]!.key).toBe(0);
    expect(parts(merged)[0]!.media.map((m) => m.id)).toEqual(['id-a', 'id-b']);
    // An image and a video can't share a post: no merge.
    const mixed = uploaded(threeParts(), 2, 'v', 'video');
    const withImage = uploaded(mixed, 0, 'a');
    expect(run(withImage, { type: 'mergeThread', post: 0, text: 'x' })).toBe(withImage);
    // A single video alone merges fine.
    expect(parts(run(mixed, { type: 'mergeThread', post: 0, text: 'x' }))[0]!.media.map((m) => m.kind)).toEqual(['video']);
    const one = fresh();
    expect(run(one, { type: 'mergeThread', post: 0, text: 'x' })).toBe(one);
  });

  it('refuses to merge away a later part’s poll, quote or reply', () => {
    const saved = initialState({ kind: 'saved', posts: [postView({ parts: [partView(0, 'a'), partView(1, 'b', { quotePostId: '42' })] })] }, '');
    expect(run(saved, { type: 'mergeThread', post: 0, text: 'a b' })).toBe(saved);
  });

  it('does not move, split or merge parts already on X', () => {
    const failedHalfWay = postView({ status: 'failed', parts: [partView(0, 'sent', { xPostId: '100' }), partView(1, 'b'), partView(2, 'c')] });
    const state = initialState({ kind: 'saved', posts: [failedHalfWay] }, '');
    expect(run(state, { type: 'movePart', partKey: 0, to: 1 })).toBe(state);
    expect(run(state, { type: 'movePart', partKey: 2, to: 0 })).toBe(state);
    expect(run(state, { type: 'splitPart', partKey: 0, texts: ['se', 'nt'] })).toBe(state);
    expect(run(state, { type: 'mergeThread', post: 0, text: 'sent b c' })).toBe(state);
    // The parts after it still move and split among themselves.
    expect(texts(run(state, { type: 'movePart', partKey: 2, to: 1 }))).toEqual(['sent', 'c', 'b']);
    expect(texts(run(state, { type: 'splitPart', partKey: 1, texts: ['b1', 'b2'] }))).toEqual(['sent', 'b1', 'b2', 'c']);
  });
});
