import { eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { createServer, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { notifications, posts } from '@/lib/db/schema';
import { emit } from '@/lib/events/emit';
import { logger } from '@/lib/log';
import { MAIL_TIMEOUTS, sendMail } from '@/lib/mail/send';
import { EMAIL_ATTEMPTS, setNotificationEmail } from '@/lib/notifications/email';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { NOTIFICATION_EMAIL_JOB, PUBLISH_JOB, closeQueue, postQueue, webhookQueue } from '@/lib/queue';
import { outboundQueueProcessor, postQueueProcessor } from '@/worker/processors';
import { createUserWithAccount } from '../support/fixtures';
import { connectSandboxUser, startTestSandbox } from '../support/sandbox';
import { isolateQueue } from '../support/test-env';

/** What the local SMTP server received: the envelope and the raw message. */
interface Received {
  from: string;
  to: string[];
  raw: string;
}

const PASSWORD = 'smtp-pass-never-shown';
const received: Received[] = [];
let smtp: SMTPServer;
let sandbox: Sandbox;
let smtpPort: number;

/** A real SMTP server on a random loopback port, with a password, capturing every message. */
async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === 'herald' && auth.password === PASSWORD) done(null, { user: 'herald' });
      else done(new Error('bad credentials'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return (smtp.server.address() as { port: number }).port;
}

/** Headers and the body of a plain-text message, quoted-printable decoded. */
function parse(raw: string): { headers: Record<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  let body = rest.join('\r\n\r\n');
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => `%${h}`);
    body = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  }
  return { headers, body };
}

const runJob = (job: Partial<Job>) => outboundQueueProcessor()(job as Job);
const runPublish = (job: Partial<Job>) => postQueueProcessor(postQueue())(job as Job);

beforeAll(async () => {
  isolateQueue('mail');
  smtpPort = await startSmtp();
  process.env.SMTP_URL = `smtp://herald:${PASSWORD}@127.0.0.1:${smtpPort}`;
  process.env.MAIL_FROM = 'Herald <herald@example.test>';
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('notification emails', () => {
  it('go through SMTP to the user’s address, from MAIL_FROM, with the reason and a link, and no secret', async () => {
    const { user, account, tokens } = await connectSandboxUser(sandbox);
    await setNotificationEmail(user.id, 'owner@example.com');
    const reason = `Reconnect @${account.username}: X no longer accepts Herald's access to this account.`;
    await emit({ type: 'account.reconnect_needed', userId: user.id, data: { account: { id: account.id, username: account.username, reason } } });

    const [row] = await db().select().from(notifications).where(eq(notifications.userId, user.id));
    const job = await webhookQueue().getJob(`n${row!.id}`);
    expect(job?.name).toBe(NOTIFICATION_EMAIL_JOB);
    // Retried a bounded number of times, with backoff.
    expect(job?.opts).toMatchObject({ attempts: EMAIL_ATTEMPTS, backoff: { type: 'exponential' } });
    expect(await runJob({ name: NOTIFICATION_EMAIL_JOB, data: job!.data, attemptsMade: 0 })).toBe('sent');

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['owner@example.com']);
    expect(mail.from).toBe('herald@example.test');
    const { headers, body } = parse(mail.raw);
    expect(headers.to).toBe('owner@example.com');
    expect(headers.from).toBe('Herald <herald@example.test>');
    expect(headers.subject).toBe(`Reconnect @${account.username}`);
    expect(body).toContain(reason);
    expect(body).toContain(`@${account.username}`);
    expect(body).toContain('http://localhost:3000/accounts');
    for (const secret of [PASSWORD, tokens.access_token, tokens.refresh_token]) expect(mail.raw).not.toContain(secret);
  });

  it('are not sent to a user without an address (nothing queued)', async () => {
    const { user, account } = await createUserWithAccount();
    await emit({ type: 'account.reconnect_needed', userId: user.id, data: { account: { id: account.id, username: account.username, reason: 'gone.' } } });
    const [row] = await db().select().from(notifications).where(eq(notifications.userId, user.id));
    expect(row).toBeDefined();
    expect(await webhookQueue().getJob(`n${row!.id}`)).toBeUndefined();
    expect(await runJob({ name: NOTIFICATION_EMAIL_JOB, data: { notificationId: row!.id }, attemptsMade: 0 })).toBe('skipped');
  });

  it('with the SMTP server down: the post fails as it would have, the bell has it, and the send fails logged (for the queue to retry)', async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    const before = received.length;
    const warn = vi.spyOn(logger(), 'warn');
    const { user, account } = await connectSandboxUser(sandbox);
    await setNotificationEmail(user.id, 'owner@example.com');
    const text = `Twice over ${Date.now()}`;
    for (const expected of ['published', 'failed']) {
      const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], publishNow: true }));
      expect(await runPublish({ name: PUBLISH_JOB, data: { postId: post.id, revision: post.revision } })).toMatchObject({ outcome: expected });
      const [saved] = await db().select({ status: posts.status }).from(posts).where(eq(posts.id, post.id));
      expect(saved!.status).toBe(expected);
    }
    const [row] = await db().select().from(notifications).where(eq(notifications.userId, user.id));
    expect(row!.type).toBe('post.failed');
    const job = await webhookQueue().getJob(`n${row!.id}`);
    await expect(runJob({ name: NOTIFICATION_EMAIL_JOB, data: job!.data, attemptsMade: 1 })).rejects.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'notification_email_failed', notificationId: row!.id, attempt: 2, of: EMAIL_ATTEMPTS, errCode: 'ESOCKET' }), expect.any(String));
    expect(JSON.stringify(warn.mock.calls)).not.toContain(PASSWORD);
    expect(received.length).toBe(before);
    warn.mockRestore();
  });

  it('a server that accepts and never greets is given up on after the greeting timeout, not waited for', async () => {
    // The SMTP server above is closed by now (the test before): a mute one takes its port.
    const sockets: Socket[] = [];
    const mute = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => mute.listen(smtpPort, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      await expect(sendMail({ to: 'owner@example.com', subject: 's', text: 't' })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(MAIL_TIMEOUTS.greetingMs - 100);
      expect(took).toBeLessThan(MAIL_TIMEOUTS.greetingMs + 5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  }, 30_000);
});
