import { randomInt } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '@/lib/tokens/commands';
import { png } from '../../x-sandbox/test-support';
import { session } from '../support/signed-in';
import { addAccount, createUserWithAccount } from '../support/fixtures';
import { HTTP_METHODS, routeFiles, urlPathOf } from './app-files';
import { CONTENT_TYPES, HOSTILE_STRINGS, MIB, hostileId, hostileQuery, mutate, randomSource, rawBody, type Random } from './hostile';
import { make } from './rules';
import { ownedRows } from './snapshot';

/**
 * Malformed and hostile requests to every /api/v1 handler (found on the file system): wrong JSON
 * types, deep nesting, megabyte strings, bad dates, Unicode's corners, markup, wrong content types,
 * bodies over the cap, bad path ids and query strings, bad credentials. Each answer must be below
 * 500, a refusal must have the one error shape and leave the caller's rows as they were, and
 * nothing another user owns (their ids are among the ones sent) may change at all.
 * FUZZ_SEED=<n> replays a run; FUZZ_REQUESTS=<n> sends more.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
const REQUESTS = Math.max(1000, Number(process.env.FUZZ_REQUESTS ?? 1200));
console.log(`fuzz seed ${SEED}: replay with FUZZ_SEED=${SEED} npx vitest run tests/security/fuzz.test.ts`);

const mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-fuzz-'));
process.env.MEDIA_DIR = mediaDir;
afterAll(() => rm(mediaDir, { recursive: true, force: true }));

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
interface Endpoint {
  file: string;
  path: string;
  method: string;
  handler: Handler;
}

const endpoints: Endpoint[] = (
  await Promise.all(
    routeFiles()
      .filter((file) => file.startsWith('app/api/v1/'))
      .map(async (file) => {
        const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
        return HTTP_METHODS.filter((m) => typeof mod[m] === 'function').map((method) => ({ file, path: urlPathOf(file), method, handler: mod[method] as Handler }));
      }),
  )
).flat();

/** The caller's things and a stranger's, by role, so that a seed picks the same roles each run. */
interface World {
  mine: { account: string; spareAccount: string; post: string; sparePost: string; postGroup: string; media: string; token: string };
  theirs: { account: string; post: string; postGroup: string; media: string; token: string };
  readOnlyToken: string;
  callerId: string;
  strangerId: string;
}

async function world(): Promise<World> {
  const caller = await createUserWithAccount();
  const stranger = await createUserWithAccount();
  const things = async (who: typeof caller) => ({ account: who.account.id, post: await make.post(who), postGroup: await make.postGroup(who), media: await make.media(who), token: await make.token(who) });
  return {
    mine: { ...(await things(caller)), spareAccount: (await addAccount(caller.user.id)).id, sparePost: await make.post(caller) },
    theirs: await things(stranger),
    readOnlyToken: (await createToken(caller.user.id, { name: 'fuzz read-only', scopes: ['posts:read'] })).token,
    callerId: caller.user.id,
    strangerId: stranger.user.id,
  };
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A body each write route would take, to mutate one place of (routes without one get `{}`). */
function templateFor(endpoint: Endpoint, w: World): unknown {
  const post = (accountId: string) => ({ accountId, parts: [{ text: 'fuzz', media: [{ id: w.mine.media, altText: 'alt' }] }], scheduledAt: later(3600_000) });
  const templates: Record<string, unknown> = {
    '/api/v1/posts POST': post(w.mine.account),
    '/api/v1/posts/[id] PATCH': { parts: [{ text: 'edited' }, { text: 'second' }], scheduledAt: later(7200_000), replySettings: null },
    '/api/v1/post-groups POST': { posts: [post(w.mine.account), { ...post(w.mine.spareAccount), parts: [{ text: 'other' }] }] },
    '/api/v1/accounts/[id]/schedule PUT': { timeZone: 'Europe/Paris', slots: [{ day: 'mon', time: '09:00' }], blackoutDates: ['2027-01-01'] },
    '/api/v1/accounts/[id]/queue/move POST': { postId: w.mine.post, slot: later(86_400_000) },
    '/api/v1/tokens POST': { name: 'fuzz', scopes: ['posts:read', 'posts:write'] },
  };
  return templates[`${endpoint.path} ${endpoint.method}`] ?? {};
}

const KNOWN_QUERY: Record<string, readonly string[]> = {
  '/api/v1/posts GET': ['from', 'to', 'status'],
  '/api/v1/costs GET': ['from', 'to'],
  '/api/v1/accounts/[id]/queue GET': ['weeks'],
};

/**
 * Ids a path takes: first the caller's own of the right kind, then the stranger's. What ends a thing
 * (disconnecting, deleting a post) gets a spare, so that the rest keep reaching past the lookup.
 */
function idsFor(endpoint: Endpoint, w: World): string[] {
  const own = endpoint.path.includes('/disconnect')
    ? [w.mine.spareAccount]
    : endpoint.path === '/api/v1/posts/[id]' && endpoint.method === 'DELETE'
      ? [w.mine.sparePost]
    : endpoint.path.startsWith('/api/v1/accounts/')
      ? [w.mine.account]
      : endpoint.path.startsWith('/api/v1/post-groups/')
        ? [w.mine.postGroup]
        : endpoint.path.startsWith('/api/v1/media/')
          ? [w.mine.media]
          : endpoint.path.startsWith('/api/v1/tokens/')
            ? [w.mine.token]
            : [w.mine.post];
  return [...own, ...Object.values(w.theirs)];
}

interface Planned {
  kind: string;
  url: string;
  id: string | null;
  init: RequestInit & { duplex?: 'half' };
  caller: 'me' | 'nobody' | 'bad token' | 'read-only token';
}

type Bytes = Uint8Array<ArrayBuffer>;
const hasBody = (method: string) => !['GET', 'HEAD'].includes(method);

/** A multipart form, well formed or not, with hostile names and contents. */
function multipart(random: Random): { body: Bytes; type: string } {
  const boundary = random.pick(['fuzz', '', 'a'.repeat(200), '"quoted"', '--']);
  const name = random.pick(['file', 'files', 'File', ...HOSTILE_STRINGS.slice(25, 35)]);
  const filename = random.pick(['a.png', '', '../../x.png', 'a.png\u0000.exe', '<img src=x onerror=alert(1)>.png', '\u202Egnp.exe', 'x'.repeat(5000)]);
  const content = random.pick([png(2, 2), Buffer.from('<script>alert(1)</script>'), Buffer.alloc(0), Buffer.from('GIF89a\u0000\u0000'), Buffer.from('\u0000\u0000\u0000\u0018ftypisom')]);
  const parts = [Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: ${random.pick(['image/png', 'text/html', ''])}\r\n\r\n`), content];
  if (random.chance(0.7)) parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(parts)), type: random.pick([`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'multipart/mixed; boundary=fuzz']) };
}

/** A body read in pieces with no Content-Length: the cap must hold while reading. */
function chunked(bytes: Bytes): ReadableStream<Bytes> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 256 * 1024));
      at += 256 * 1024;
    },
  });
}

function plan(random: Random, endpoint: Endpoint, w: World): Planned {
  const refs = [...Object.values(w.mine), ...Object.values(w.theirs)];
  const ids = idsFor(endpoint, w);
  const withId = endpoint.path.includes('[id]');
  const template = templateFor(endpoint, w);
  const kinds = ['body', 'body', 'body', 'raw', 'content-type', 'oversized', 'length', 'id', 'query', 'caller', 'multipart'].filter((k) => hasBody(endpoint.method) || !['body', 'raw', 'content-type', 'oversized', 'length', 'multipart'].includes(k));
  const kind = random.pick(kinds.filter((k) => withId || k !== 'id'));

  // The caller's own by default, so the rest of the request is what decides; `id` sends anything.
  let id = withId ? ids[0]! : null;
  let query = '';
  let caller: Planned['caller'] = 'me';
  const headers: Record<string, string> = {};
  let body: Bytes | ReadableStream<Bytes> | undefined = hasBody(endpoint.method) ? new TextEncoder().encode(JSON.stringify(template)) : undefined;
  let type: string | null = 'application/json';

  if (kind === 'body') body = new TextEncoder().encode(JSON.stringify(mutate(random, template, refs)));
  else if (kind === 'raw') body = rawBody(random);
  else if (kind === 'content-type') type = random.pick(CONTENT_TYPES);
  else if (kind === 'oversized') {
    const big = new TextEncoder().encode(JSON.stringify({ ...(template as object), pad: 'x'.repeat(MIB + random.int(MIB)) }));
    body = random.chance(0.5) ? big : chunked(big);
  } else if (kind === 'length') headers['content-length'] = random.pick(['0', '1', 'abc', '-1', '1e3', '99999999999', ' 12 ']);
  else if (kind === 'id') id = random.chance(0.3) ? random.pick(ids) : hostileId(random, refs);
  else if (kind === 'query') query = hostileQuery(random, KNOWN_QUERY[`${endpoint.path} ${endpoint.method}`] ?? []);
  else if (kind === 'caller') caller = random.pick(['nobody', 'bad token', 'read-only token'] as const);
  else if (kind === 'multipart') ({ body, type } = multipart(random));

  if (type !== null) headers['content-type'] = type;
  if (caller === 'bad token') headers.authorization = random.pick(['Bearer ', 'Bearer hrd_nope', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(10_000)}`, 'bearer  ', 'Bearer a b']);
  if (caller === 'read-only token') headers.authorization = `Bearer ${w.readOnlyToken}`;
  const pathPart = endpoint.path.replace('[id]', pathSegment(id ?? ''));
  const init: Planned['init'] = { method: endpoint.method, headers, body };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return { kind, url: `http://localhost:3000${pathPart}${query ? `?${query}` : ''}`, id, init, caller };
}

/** A path segment as a client would send it; a lone surrogate goes as the bytes it would be (not UTF-8). */
function pathSegment(id: string): string {
  return [...id].map((c) => (/[\uD800-\uDFFF]/.test(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(c))).join('');
}

function describePlan(p: Planned, index: number): string {
  const body = p.init.body instanceof Uint8Array ? Buffer.from(p.init.body).toString('utf8') : p.init.body ? '<chunked stream>' : '';
  const head = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s);
  return `#${index} [${p.kind}, as ${p.caller}] ${p.init.method} ${head(p.url)} headers=${head(JSON.stringify(p.init.headers))} body=${head(body)} (seed ${SEED})`;
}

/** The one error shape: `{ error, fields? }`, fields mapping names to lists of sentences. */
function isErrorBody(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { error, fields, ...rest } = value as Record<string, unknown>;
  if (typeof error !== 'string' || error === '' || Object.keys(rest).length > 0) return false;
  if (fields === undefined) return true;
  return typeof fields === 'object' && fields !== null && Object.values(fields).every((list) => Array.isArray(list) && list.every((s) => typeof s === 'string'));
}

// A token's lastUsedAt moves when it is presented, even on a refused request: not something stored.
const IGNORED = ['lastUsedAt'];

describe('fuzzing every /api/v1 endpoint', () => {
  it(`${REQUESTS} hostile requests: never a 5xx, refusals in the one shape, nothing stored that should not be`, { timeout: 600_000 }, async () => {
    expect(endpoints.length).toBeGreaterThan(15);
    const random = randomSource(SEED);
    const w = await world();
    const strangerBefore = await ownedRows(w.strangerId);
    let mine = await ownedRows(w.callerId, IGNORED);
    const perEndpoint = new Map<string, number>();
    const statuses = new Map<number, number>();
    const problems: string[] = [];

    for (let i = 0; i < REQUESTS; i++) {
      const endpoint = endpoints[i % endpoints.length]!;
      const planned = plan(random, endpoint, w);
      const what = describePlan(planned, i);
      session.userId = planned.caller === 'me' ? w.callerId : null;
      const response = await endpoint.handler(new Request(planned.url, planned.init), { params: Promise.resolve(planned.id === null ? {} : { id: planned.id }) });
      const text = await response.text();
      perEndpoint.set(`${endpoint.method} ${endpoint.path}`, (perEndpoint.get(`${endpoint.method} ${endpoint.path}`) ?? 0) + 1);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

      if (response.status >= 500) problems.push(`${response.status} ${text.slice(0, 200)} ← ${what}`);
      if (response.status >= 400) {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: reported below.
        }
        if (!isErrorBody(parsed) || !response.headers.get('content-type')?.startsWith('application/json')) problems.push(`not the error shape: ${text.slice(0, 200)} ← ${what}`);
        const after = await ownedRows(w.callerId, IGNORED);
        if (after !== mine) problems.push(`refused with ${response.status}, yet the caller's rows changed ← ${what}`);
        mine = after;
      } else {
        mine = await ownedRows(w.callerId, IGNORED);
      }
      if ((await ownedRows(w.strangerId)) !== strangerBefore) {
        problems.push(`the stranger's rows changed (answered ${response.status}) ← ${what}`);
        break;
      }
      if (problems.length >= 10) break;
    }

    console.log(`fuzz seed ${SEED}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(problems).toEqual([]);
    // Every endpoint had its share.
    for (const endpoint of endpoints) expect(perEndpoint.get(`${endpoint.method} ${endpoint.path}`), `${endpoint.method} ${endpoint.path}`).toBeGreaterThanOrEqual(Math.floor(REQUESTS / endpoints.length));
    // No refused upload left a half-written file behind.
    expect(await readdir(path.join(mediaDir, 'tmp')).catch(() => [])).toEqual([]);
  });
});
