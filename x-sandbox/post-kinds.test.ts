/** POST /2/tweets with a poll, a quote, a reply and reply_settings: what X takes, what it refuses, what tests can see. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from './server';
import { api, png, signIn, startSandboxForTest } from './test-support';

let sb: Sandbox;
let alice: string;

type Created = { data: { id: string } };
type Invalid = { errors: { parameters: Record<string, string[]>; message: string }[]; title: string; detail: string; type: string };

async function control(path: string, body?: unknown): Promise<Response> {
  return fetch(`${sb.url}/__sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
}

const tweets = async () => (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as Record<string, unknown>[];

beforeAll(async () => {
  sb = await startSandboxForTest();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await control('/reset');
  alice = (await signIn(sb.url, 'alice')).access_token;
});

const poll = { options: ['yes', 'no'], duration_minutes: 60 };

/** X's answer to a body its schema refuses: 400, "Invalid Request", one error per wrong field. */
function expectInvalid(r: { status: number; body: Invalid }, message: string): void {
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.x.com/2/problems/invalid-request',
  });
  expect(r.body.errors.map((e) => e.message)).toContain(message);
}

describe('POST /2/tweets: polls, quotes, replies, reply_settings', () => {
  it('takes each, and /__sandbox/tweets shows what it received', async () => {
    const first = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'Poll time', poll, reply_settings: 'following' });
    expect(first.status).toBe(201);
    const quote = await api<Created>(sb.url, alice, 'POST', '/2/tweets', {
      text: 'Quoting and answering',
      quote_tweet_id: first.body.data.id,
      reply: { in_reply_to_tweet_id: first.body.data.id },
      reply_settings: 'verified',
    });
    expect(quote.status).toBe(201);
    const [a, b] = await tweets();
    expect(a).toMatchObject({ poll, reply_settings: 'following', quote_tweet_id: null, reply_to: null, body: { text: 'Poll time', poll, reply_settings: 'following' } });
    expect(b).toMatchObject({ poll: null, reply_settings: 'verified', quote_tweet_id: first.body.data.id, reply_to: first.body.data.id });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['duration_minutes as a string', { poll: { ...poll, duration_minutes: '60' } }, '$.poll.duration_minutes: string found, integer expected'],
    ['an unknown poll field', { poll: { ...poll, colour: 'red' } }, '$.poll.colour: is not defined in the schema and the schema does not allow additional properties'],
    ['durationMinutes spelled the Herald way', { poll: { options: ['a', 'b'], durationMinutes: 60 } }, '$.poll.durationMinutes: is not defined in the schema and the schema does not allow additional properties'],
    ['one option', { poll: { ...poll, options: ['yes'] } }, '$.poll.options: expected at least 2 items but found 1'],
    ['five options', { poll: { ...poll, options: ['a', 'b', 'c', 'd', 'e'] } }, '$.poll.options: expected at most 4 items but found 5'],
    ['an option of 26 characters', { poll: { ...poll, options: ['a'.repeat(26), 'b'] } }, '$.poll.options[0]: must be at most 25 characters long'],
    ['an empty option', { poll: { ...poll, options: ['', 'b'] } }, '$.poll.options[0]: must be at least 1 characters long'],
    ['4 minutes', { poll: { ...poll, duration_minutes: 4 } }, '$.poll.duration_minutes: must have a minimum value of 5'],
    ['10081 minutes', { poll: { ...poll, duration_minutes: 10081 } }, '$.poll.duration_minutes: must have a maximum value of 10080'],
    ['reply_settings everyone', { reply_settings: 'everyone' }, '$.reply_settings: does not have a value in the enumeration [following, mentionedUsers, subscribers, verified]'],
    ['a quote id that is a link', { quote_tweet_id: 'https://x.com/a/status/1' }, '$.quote_tweet_id: does not match the regex pattern ^[0-9]{1,19}$'],
    ['a reply without its target', { reply: { tweet_id: '1' } }, '$.reply.in_reply_to_tweet_id: is missing but it is required'],
  ])('refuses %s with X’s error body, creating nothing', async (_, extra, message) => {
    const r = await api<Invalid>(sb.url, alice, 'POST', '/2/tweets', { text: 'shape', ...extra });
    expectInvalid(r, message);
    expect(await tweets()).toEqual([]);
  });

  it('refuses a poll with media or with a quoted post (400), creating nothing', async () => {
    const upload = await api<{ data: { id: string } }>(sb.url, alice, 'POST', '/2/media/upload', { media: png(10, 20).toString('base64'), media_category: 'tweet_image' });
    const withMedia = await api<Invalid>(sb.url, alice, 'POST', '/2/tweets', { text: 'poll + picture', poll, media: { media_ids: [upload.body.data.id] } });
    expectInvalid(withMedia, '$.poll: a post with a poll cannot have media');
    const quoted = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'to quote' });
    const withQuote = await api<Invalid>(sb.url, alice, 'POST', '/2/tweets', { text: 'poll + quote', poll, quote_tweet_id: quoted.body.data.id });
    expectInvalid(withQuote, '$.poll: a post with a poll cannot have a quoted post');
    expect((await tweets()).map((t) => t.text)).toEqual(['to quote']);
  });

  it('answers a quote of a post it does not know with X’s 403', async () => {
    const r = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'quoting nothing', quote_tweet_id: '123456789' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You attempted to quote a Tweet that is deleted or not visible to you.' });
  });
});

describe('OpenAPI subset', () => {
  const source = process.env.X_OPENAPI_PATH ?? path.resolve(import.meta.dirname, '..', '../shared/x-api/openapi.json');
  it.skipIf(!existsSync(source))('holds X’s CreatePostsRequest, CreatePostsPoll and CreatePostsReply in full', () => {
    type Doc = { components: { schemas: Record<string, unknown> } };
    const x = (JSON.parse(readFileSync(source, 'utf8')) as Doc).components.schemas;
    const subset = (JSON.parse(readFileSync(path.join(import.meta.dirname, 'x-openapi-subset.json'), 'utf8')) as Doc).components.schemas;
    for (const name of ['CreatePostsRequest', 'CreatePostsPoll', 'CreatePostsReply']) expect(subset[name]).toEqual(x[name]);
  });
});
