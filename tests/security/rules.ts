import { randomUUID } from 'node:crypto';
import { createPost } from '@/lib/posts/commands';
import { createPostGroup } from '@/lib/posts/groups';
import { createPostGroupInput } from '@/lib/posts/group-input';
import { createPostInput } from '@/lib/posts/input';
import { saveUpload } from '@/lib/media/upload';
import { createToken } from '@/lib/tokens/commands';
import { createWebhook } from '@/lib/webhooks/commands';
import { png } from '../../x-sandbox/test-support';
import { addAccount, type createUserWithAccount } from '../support/fixtures';

/**
 * Who may call each route handler (`<file> <METHOD>`) and each server action (`<file> <export>`),
 * one line each. tests/security/routes.test.ts finds every handler and action on the file system
 * and fails on one without a line here, then checks each line:
 *   public     — anyone, on purpose (say why); not called.
 *   browser    — a navigation from a page: signed out, a redirect to /signin.
 *   signed-in  — signed out, 401 (an action: refused); it only ever acts on the caller's own things.
 *   owned      — as signed-in, and another user's resource (`resource` makes one for its owner)
 *                is a 404 that changes none of the owner's rows; its owner is not refused.
 *   admin      — as signed-in, and a signed-in non-admin gets 403.
 */
export type Someone = Awaited<ReturnType<typeof createUserWithAccount>>;
/** Makes a thing owned by `owner` and returns its id (the route's `[id]`, or what the action is given). */
export type Make = (owner: Someone) => Promise<string>;

export type ApiRule =
  | { access: 'public'; why: string }
  | { access: 'browser' | 'signed-in' | 'admin' }
  | {
      access: 'owned';
      resource: Make;
      /** A body the route would accept, so that what refuses the stranger is ownership and not validation. */
      body?: unknown;
      /** false: the owner's own call is not made (it would reach X). */
      ownerCall?: boolean;
    };

export type ActionRule =
  | { access: 'public'; why: string }
  | { access: 'signed-in'; call: () => Promise<unknown> }
  | { access: 'owned'; resource: Make; call: (id: string) => Promise<unknown> };

const text = () => `rule check ${randomUUID()}`;

/** Things a user owns, made the way the app makes them. */
export const make = {
  account: async (owner: Someone) => owner.account.id,
  post: async (owner: Someone) => (await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: text() }] }))).id,
  postGroup: async (owner: Someone) => {
    const second = await addAccount(owner.user.id);
    const input = createPostGroupInput.parse({ posts: [owner.account.id, second.id].map((accountId) => ({ accountId, parts: [{ text: text() }] })) });
    return (await createPostGroup(owner.user.id, input)).groupId;
  },
  media: async (owner: Someone) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(2, 2))], { type: 'image/png' }), 'a.png');
    return (await saveUpload(owner.user.id, new Request('http://localhost/api/v1/media', { method: 'POST', body: form }))).id;
  },
  token: async (owner: Someone) => (await createToken(owner.user.id, { name: 'rule check', scopes: ['posts:read'] })).view.id,
  // A public address literal: registration resolves nothing and sends nothing.
  webhook: async (owner: Someone) => (await createWebhook(owner.user.id, { url: 'https://93.184.215.14/rule-check', events: ['post.failed'] })).view.id,
} satisfies Record<string, Make>;

const owned = (resource: Make, extra: { body?: unknown; ownerCall?: boolean } = {}): ApiRule => ({ access: 'owned', resource, ...extra });
const in1Hour = () => new Date(Date.now() + 3600_000).toISOString();

export const API_RULES: Readonly<Record<string, ApiRule>> = {
  'app/api/auth/[...nextauth]/route.ts GET': { access: 'public', why: 'Auth.js: signing in is how one stops being signed out' },
  'app/api/auth/[...nextauth]/route.ts POST': { access: 'public', why: 'Auth.js: sign-in, sign-out and CSRF token endpoints' },
  'app/api/metrics/route.ts GET': { access: 'public', why: 'Prometheus: its own bearer METRICS_TOKEN, 404 when unset (tests/integration/metrics.test.ts)' },
  'app/api/health/route.ts GET': { access: 'public', why: 'probes; details only for an admin (tests/integration/health-view.test.ts)' },
  'app/api/accounts/connect/route.ts GET': { access: 'browser' },
  'app/api/accounts/connect/callback/route.ts GET': { access: 'browser' },
  'app/api/v1/accounts/route.ts GET': { access: 'signed-in' },
  'app/api/v1/accounts/[id]/disconnect/route.ts POST': owned(make.account, { ownerCall: false }),
  'app/api/v1/accounts/[id]/queue/route.ts GET': owned(make.account),
  'app/api/v1/accounts/[id]/queue/move/route.ts POST': owned(make.account, { body: { postId: randomUUID(), slot: in1Hour() } }),
  'app/api/v1/accounts/[id]/schedule/route.ts GET': owned(make.account),
  'app/api/v1/accounts/[id]/schedule/route.ts PUT': owned(make.account, { body: { timeZone: 'UTC', slots: [{ day: 'mon', time: '09:00' }] } }),
  'app/api/v1/admin/audit/route.ts GET': { access: 'admin' },
  'app/api/v1/admin/failed-posts/route.ts GET': { access: 'admin' },
  'app/api/v1/admin/failed-posts/actions/route.ts POST': { access: 'admin' },
  'app/api/v1/admin/overview/route.ts GET': { access: 'admin' },
  'app/api/v1/admin/publishing/route.ts PUT': { access: 'admin' },
  'app/api/v1/costs/route.ts GET': { access: 'signed-in' },
  'app/api/v1/media/route.ts POST': { access: 'signed-in' },
  'app/api/v1/media/[id]/route.ts GET': owned(make.media),
  'app/api/v1/openapi.json/route.ts GET': { access: 'public', why: 'the API description, for anyone writing a client' },
  'app/api/v1/notifications/route.ts GET': { access: 'signed-in' },
  'app/api/v1/notifications/read/route.ts POST': { access: 'signed-in' },
  'app/api/v1/notifications/email/route.ts PUT': { access: 'signed-in' },
  'app/api/v1/post-groups/route.ts POST': { access: 'signed-in' },
  'app/api/v1/post-groups/[id]/route.ts GET': owned(make.postGroup),
  'app/api/v1/posts/route.ts GET': { access: 'signed-in' },
  'app/api/v1/posts/route.ts POST': { access: 'signed-in' },
  'app/api/v1/posts/undo/route.ts POST': { access: 'signed-in' },
  'app/api/v1/posts/[id]/route.ts GET': owned(make.post),
  'app/api/v1/posts/[id]/route.ts PATCH': owned(make.post, { body: { parts: [{ text: 'not yours' }] } }),
  'app/api/v1/posts/[id]/route.ts DELETE': owned(make.post),
  'app/api/v1/posts/[id]/retry/route.ts POST': owned(make.post),
  'app/api/v1/posts/[id]/attempts/route.ts GET': owned(make.post),
  'app/api/v1/tokens/route.ts GET': { access: 'signed-in' },
  'app/api/v1/tokens/route.ts POST': { access: 'signed-in' },
  'app/api/v1/tokens/[id]/route.ts GET': owned(make.token),
  'app/api/v1/tokens/[id]/route.ts DELETE': owned(make.token),
  'app/api/v1/webhooks/route.ts GET': { access: 'signed-in' },
  'app/api/v1/webhooks/route.ts POST': { access: 'signed-in' },
  'app/api/v1/webhooks/[id]/route.ts GET': owned(make.webhook),
  'app/api/v1/webhooks/[id]/route.ts DELETE': owned(make.webhook),
};

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const accountActions = () => import('@/app/(dashboard)/accounts/actions');

export const ACTION_RULES: Readonly<Record<string, ActionRule>> = {
  'app/signin/actions.ts signInWithX': { access: 'public', why: 'the way in' },
  'app/(dashboard)/actions.ts signOutAction': { access: 'public', why: 'signing out asks nothing of anyone' },
  'app/(dashboard)/accounts/actions.ts saveTimeZone': {
    access: 'signed-in',
    call: async () => (await accountActions()).saveTimeZone({ status: 'idle', message: '' }, form({ timeZone: 'Europe/Paris' })),
  },
  'app/(dashboard)/accounts/actions.ts disconnect': {
    access: 'owned',
    resource: make.account,
    call: async (id) => (await accountActions()).disconnect({ status: 'idle', message: '' }, form({ accountId: id })),
  },
};
