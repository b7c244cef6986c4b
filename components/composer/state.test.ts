import { describe, expect, it } from 'vitest';
import { partView, postView } from '@/tests/support/post-view';
import { composerReducer, initialState, type CheckedFile, type ComposerAction, type ComposerState } from './state';

const run = (state: ComposerState, ...actions: ComposerAction[]) => actions.reduce(composerReducer, state);
const fresh = () => initialState(null, 'acc', '2026-12-01T09:30');
const texts = (s: ComposerState) => s.parts.map((p) => p.text);
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
    const three = run(fresh(), { type: 'text', index: 0, text: 'one' }, { type: 'addPart' }, { type: 'text', index: 1, text: 'two' }, { type: 'addPart' });
    expect(texts(three)).toEqual(['one', 'two', '']);
    expect(three.focusKey).toBe(2);
    const removed = run(three, { type: 'removePart', index: 1 });
    expect(texts(removed)).toEqual(['one', '']);
    expect(removed.focusKey).toBe(0);
    expect(run(three, { type: 'removePart', index: 0 }).focusKey).toBe(1);
    // Keys stay unique after removals.
    expect(run(removed, { type: 'addPart' }).parts.map((p) => p.key)).toEqual([0, 2, 3]);
  });

  it('never removes the last part', () => {
    const one = fresh();
    expect(run(one, { type: 'removePart', index: 0 })).toBe(one);
  });

  it('opens a saved post with its parts and media', () => {
    const post = postView({
      parts: [
        partView(0, 'a', { media: [{ id: 'm1', kind: 'image', mimeType: 'image/png', altText: 'red' }] }),
        partView(1, 'b'),
      ],
    });
    const state = initialState(post, 'acc', '');
    expect(texts(state)).toEqual(['a', 'b']);
    expect(state.parts[0]!.media[0]).toMatchObject({ id: 'm1', status: 'ready', altText: 'red', file: null });
    expect(run(state, { type: 'addPart' }).parts[2]!.key).toBe(2);
  });
});

describe('media', () => {
  it('attaches what X allows and says why the rest was refused', () => {
    const state = run(fresh(), { type: 'attach', partKey: 0, files: [checked('a'), checked('g', 'gif')], refused: ['x.bmp: unsupported file type.'] });
    expect(state.parts[0]!.media.map((m) => [m.key, m.status])).toEqual([['a', 'uploading']]);
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
    expect(done.parts[0]!.media).toMatchObject([
      { key: 'a', id: 'm1', mimeType: 'image/webp', status: 'ready', progress: 1, file: null },
      { key: 'b', id: null, status: 'failed', error: 'Too large', file: null },
    ]);
  });

  it('edits alt text and detaches, clearing that part’s media errors', () => {
    const withError = run(
      fresh(),
      { type: 'attach', partKey: 0, files: [checked('a')], refused: [] },
      { type: 'refused', failure: failure({ 'parts.0.media.0.altText': ['Alt text has at most 1000 characters'] }) },
    );
    expect(withError.errors.media).toEqual({ 0: ['Alt text has at most 1000 characters'] });
    const edited = run(withError, { type: 'altText', partKey: 0, itemKey: 'a', altText: 'A red square' });
    expect(edited.parts[0]!.media[0]!.altText).toBe('A red square');
    expect(edited.errors.media).toEqual({});
    expect(run(withError, { type: 'detach', partKey: 0, itemKey: 'a' }).parts[0]!.media).toEqual([]);
  });
});

describe('account, time and requests', () => {
  it('changes the account and the time, clearing their errors', () => {
    const refused = run(fresh(), { type: 'refused', failure: failure({ accountId: ['Unknown account'], scheduledAt: ['Must be in the future'] }) });
    expect(run(refused, { type: 'account', accountId: 'other' })).toMatchObject({ accountId: 'other', errors: { accountId: [], scheduledAt: ['Must be in the future'] } });
    expect(run(refused, { type: 'when', value: '2027-01-01T10:00' })).toMatchObject({ when: '2027-01-01T10:00', errors: { accountId: ['Unknown account'], scheduledAt: [] } });
  });

  it('maps the API’s field errors onto the parts, and moves them when a part before goes', () => {
    const thread = run(fresh(), { type: 'addPart' }, { type: 'addPart' }, { type: 'start', busy: 'schedule' });
    expect(thread.busy).toBe('schedule');
    const refused = run(thread, { type: 'refused', failure: failure({ 'parts.2.text': ['Post text is empty'], parts: ['A thread has at most 25 parts'] }) });
    expect(refused).toMatchObject({ busy: null, errors: { parts: { 2: ['Post text is empty'] }, general: ['A thread has at most 25 parts'] } });
    expect(run(refused, { type: 'removePart', index: 0 }).errors.parts).toEqual({ 1: ['Post text is empty'] });
    expect(run(refused, { type: 'text', index: 2, text: 'now filled' }).errors.parts).toEqual({});
    // A new request starts with a clean slate.
    expect(run(refused, { type: 'start', busy: 'draft' }).errors.general).toEqual([]);
  });

  it('shows its own problems before asking the API', () => {
    expect(run(fresh(), { type: 'invalid', errors: { scheduledAt: ['Pick a date and time.'] } }).errors.scheduledAt).toEqual(['Pick a date and time.']);
  });
});
