import { and, eq, sql } from 'drizzle-orm';
import { ReconnectNeededError, accessTokenFor } from '../accounts/tokens';
import { config } from '../config';
import { db } from '../db';
import { postAttempts, posts, type FailureClass, type Post, type PostPart, type XAccount } from '../db/schema';
import { errorSummary, logger } from '../log';
import { metrics } from '../metrics';
import { xUserClient } from '../x/client';
import { classifyXError, type XFailure } from '../x/errors';
import { uploadPartMedia } from './upload-media';
import { X_CREATED, attemptRow, workerName, xStatusOf, type AttemptEnd } from './attempts';
import { claimPost, leaseMs, readPost, type Claimed } from './claim';
import { findPublishedPart } from './lookup';
import { preparedMediaIds } from './prepare';
import { statements } from './statements';
import { textOverLimit } from './text-limit';

export type PublishResult =
  | { outcome: 'published'; url: string }
  /** The job no longer matches the post (edited, cancelled, deleted, already done). */
  | { outcome: 'stale' }
  | { outcome: 'failed'; reason: string; errorClass: FailureClass }
  | { outcome: 'retry'; at: Date; reason: string }
  /** The job fired well before the post's time (the clocks of web and worker disagree): put back. */
  | { outcome: 'too_early'; at: Date };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A job can reach the worker a few milliseconds before the transaction that queued it commits
 * (publish now). Waiting briefly for that revision tells "not visible yet" from "stale".
 */
async function claimWhenVisible(postId: string, revision: number): Promise<Claimed | undefined> {
  for (let i = 0; i < 8; i++) {
    const claimed = await claimPost(postId, revision);
    if (claimed) return claimed;
    const seen = await readPost(postId);
    // Committed between the claim and the read: claim again at once.
    if (seen?.revision === revision && (seen.status === 'scheduled' || seen.status === 'queued')) continue;
    if (seen && seen.revision >= revision) return undefined;
    await sleep(250);
  }
  return undefined;
}

/** Beyond the lead, a job this early means clocks disagree: the post goes back rather than hold a worker. */
const EARLY_TOLERANCE_MS = 1_000;

/**
 * Until the post's time: its job fired up to PUBLISH_LEAD_MS early on purpose. One millisecond
 * more, since a timer may fire a fraction early and the time may have had microseconds.
 */
async function untilDue(post: Post): Promise<void> {
  if (!post.scheduledAt) return;
  const due = post.scheduledAt.getTime() + 1;
  while (Date.now() < due) await sleep(due - Date.now());
}

/** Back to scheduled, its job due again one lead before the post's time, as the worker's clock tells it. */
async function putBack(claimed: Claimed, scheduledAt: Date): Promise<PublishResult> {
  const { post, parts } = claimed;
  await endAttempt(claimed, { status: 'scheduled', attempts: post.attempts - 1 });
  // Undo the claim's sent marker: nothing was sent.
  const marked = parts.find((p) => !p.xPostId);
  if (marked && !marked.sentAt) await markSent(marked, null);
  logger().warn({ postId: post.id, event: 'job_too_early', scheduledAt }, 'job fired long before the post is due; put back');
  return { outcome: 'too_early', at: new Date(scheduledAt.getTime() - config().publishLeadMs) };
}

function backoffMs(attempt: number): number {
  const base = config().publishRetryBaseMs * 2 ** Math.max(0, attempt - 1);
  const jitter = 0.7 + Math.random() * 0.6;
  return Math.min(base * jitter, 15 * 60_000);
}

/** A failure of this attempt, with the HTTP status X answered it with (null when X gave none). */
type Failure = XFailure & { xStatus: number | null };

/**
 * Only while this worker still holds the claim (its token), so a fenced-out worker writes nothing.
 * An attempt that ended (rather than was put back) writes its history row in the same statement;
 * that row is written whatever the fence says, since the attempt did happen.
 */
async function endAttempt(claimed: Claimed, set: Partial<Post>, end?: AttemptEnd): Promise<void> {
  const { post, claimToken } = claimed;
  const d = db();
  const history = end ? [d.$with('attempt').as(d.insert(postAttempts).values(attemptRow(claimed, end)).returning({ id: postAttempts.id }))] : [];
  await d
    .with(...history)
    .update(posts)
    .set({ ...set, leaseExpiresAt: null, claimToken: null, updatedAt: sql`now()` })
    .where(and(eq(posts.id, post.id), eq(posts.claimToken, claimToken), eq(posts.status, 'publishing')));
}

async function fail(claimed: Claimed, reason: string, errorClass: FailureClass, xStatus: number | null = null): Promise<PublishResult> {
  await endAttempt(
    claimed,
    { status: 'failed', lastError: reason, lastErrorClass: errorClass, nextAttemptAt: null },
    { outcome: 'failed', xStatus, errorClass, error: reason },
  );
  return { outcome: 'failed', reason, errorClass };
}

/** Fails the post for good before this attempt sent anything: the claim's sent marker is undone. */
async function failBeforeSending(claimed: Claimed, reason: string): Promise<PublishResult> {
  const result = await fail(claimed, reason, 'invalid_post');
  const marked = claimed.parts.find((p) => !p.xPostId);
  if (marked && !marked.sentAt) await markSent(marked, null);
  return result;
}

async function retryLater(claimed: Claimed, failure: Failure, at: Date, spendsAttempt: boolean): Promise<PublishResult> {
  const { post } = claimed;
  const attempts = spendsAttempt ? post.attempts : post.attempts - 1;
  await endAttempt(
    claimed,
    { status: 'queued', attempts, lastError: failure.reason, lastErrorClass: failure.kind, nextAttemptAt: at },
    { outcome: 'retry', xStatus: failure.xStatus, errorClass: failure.kind, error: failure.reason },
  );
  logger().info({ postId: post.id, event: 'publish_retry', kind: failure.kind, at }, 'post will be retried');
  return { outcome: 'retry', at, reason: failure.reason };
}

async function onFailure(claimed: Claimed, failure: Failure): Promise<PublishResult> {
  const { post } = claimed;
  switch (failure.kind) {
    case 'permanent':
    case 'unauthorized':
      return fail(claimed, failure.reason, failure.kind, failure.xStatus);
    case 'rate_limited':
      // X's limit is not the post's fault: waiting for the reset does not spend an attempt.
      return retryLater(claimed, failure, failure.resetAt, false);
    case 'transient':
    case 'unknown_outcome':
      if (post.attempts >= config().publishMaxAttempts) return fail(claimed, `${failure.reason} (gave up after ${post.attempts} attempts)`, failure.kind, failure.xStatus);
      return retryLater(claimed, failure, new Date(Date.now() + backoffMs(post.attempts)), true);
  }
}

async function sendPart(token: string, post: Post, part: PostPart, replyTo: string | null, mediaIds: string[]): Promise<string> {
  const { data } = await xUserClient(token).v2.tweet({
    text: part.text,
    ...(replyTo ? { reply: { in_reply_to_tweet_id: replyTo } } : {}),
    // X's schema types media_ids as a 1-4 tuple; the part's rule guarantees 1 to 4.
    ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
    ...(part.poll ? { poll: { options: part.poll.options, duration_minutes: part.poll.durationMinutes } } : {}),
    ...(part.quotePostId ? { quote_tweet_id: part.quotePostId } : {}),
    // On every part, not only the first: X applies reply_settings to the one post it is sent
    // with, so a thread whose later parts lacked it would be open to replies from everyone there.
    ...(post.replySettings ? { reply_settings: post.replySettings } : {}),
  });
  return data.id;
}

async function markSent(part: PostPart, sentAt: Date | null): Promise<void> {
  await statements().markSent.execute({ partId: part.id, sentAt: sentAt?.toISOString() ?? null });
}

interface LastPart {
  part: PostPart;
  xPostId: string;
}

/**
 * Records the last part's X id and marks the post published in one statement (one commit on
 * the hot path). The part is written even when the claim was lost: an id X returned is never dropped.
 */
async function finishPublished({ post, claimToken, claimedAt }: Claimed, url: string, last: LastPart | null, xStatus: number | null): Promise<void> {
  // With the attempt's history row (lib/publishing/statements): still one statement.
  const values = { postId: post.id, claimToken, url, attempt: post.attempts, startedAt: claimedAt.toISOString(), worker: workerName, xStatus };
  if (last) await statements().finishWithLastPart.execute({ ...values, partId: last.part.id, xPostId: last.xPostId });
  else await statements().finish.execute(values);
}

async function recordPublished(part: PostPart, xPostId: string): Promise<void> {
  await statements().recordPart.execute({ partId: part.id, xPostId });
}

/** This worker's lease ran out and another worker claimed the post: it must send nothing more. */
class ClaimLostError extends Error {}

/** X answered, and what it answered means nothing was created. */
const definitelyNotCreated = (failure: XFailure) => failure.kind === 'rate_limited' || failure.kind === 'unauthorized';

/**
 * Publishes the parts not yet on X, in order, each replying to the one before; records each
 * part's X id the moment X returns it, so a retry resumes after the last recorded part. A part
 * that was sent before without an answer is looked up on the timeline, never blindly re-sent.
 */
async function publishParts(
  { post, parts, claimedAt }: Claimed,
  account: XAccount,
  firstToken: string,
  lease: Lease,
): Promise<Failure | { last: LastPart | null; firstId: string; accepted: boolean }> {
  // The claim marked the first part not yet on X as sent: that part needs no marking of its own.
  let markedByClaim: Date | null = claimedAt;
  let token = firstToken;
  // The first part answers the existing post it was given (if any); each later one the part before.
  let replyTo: string | null = parts[0]?.replyToPostId ?? null;
  let refreshed = false;
  // X created a post in this attempt (its answer was 201), rather than every part being found on the timeline.
  let accepted = false;
  for (const part of parts) {
    if (part.xPostId) {
      replyTo = part.xPostId;
      continue;
    }
    const lookup = (since: Date) => findPublishedPart(token, account.xUserId, { text: part.text, replyTo, since });
    if (part.sentAt) {
      const found = await lookup(part.sentAt).catch(() => undefined);
      if (found === undefined) return { kind: 'transient', reason: 'Could not check on X whether the last attempt went through', xStatus: null };
      if (found) {
        logger().info({ postId: post.id, position: part.position, event: 'unknown_outcome_found' }, 'part was on X after all');
        await recordPublished(part, found);
        part.xPostId = found;
        replyTo = found;
        markedByClaim = null;
        continue;
      }
    }

    let xPostId: string | null = null;
    while (!xPostId) {
      let sentAt = markedByClaim;
      markedByClaim = null;
      let createCalled = false;
      try {
        // Media first: uploaded ahead of time when it could be, else now (at every attempt, since
        // X's media ids expire). An upload is not a post yet.
        const mediaIds = part.media.length ? (preparedMediaIds(part) ?? (await uploadPartMedia(token, part.media)).ids) : [];
        if (!sentAt) {
          sentAt = new Date();
          await markSent(part, sentAt);
        }
        await untilDue(post);
        if (lease.lost()) throw new ClaimLostError();
        createCalled = true;
        xPostId = await sendPart(token, post, part, replyTo, mediaIds);
        accepted = true;
        if (part === parts[0] && post.scheduledAt) metrics().publishLateness.observe((Date.now() - post.scheduledAt.getTime()) / 1000);
      } catch (error) {
        // The post is another worker's now: leave its markers alone.
        if (error instanceof ClaimLostError) throw error;
        const failure = classifyXError(error);
        metrics().xErrors.inc({ class: failure.kind });
        // Nothing reached the create call, or X said it created nothing: no need to look next time.
        if (sentAt && (!createCalled || definitelyNotCreated(failure))) await markSent(part, null);
        if (sentAt && createCalled && failure.kind === 'unknown_outcome') {
          xPostId = (await lookup(sentAt).catch(() => null)) ?? null;
          if (xPostId) {
            logger().info({ postId: post.id, position: part.position, event: 'unknown_outcome_found' }, 'part was on X after all');
            break;
          }
        }
        if (failure.kind === 'unauthorized' && !refreshed) {
          refreshed = true;
          token = (await accessTokenFor(account.id, { force: true })).token;
          continue;
        }
        return { ...failure, xStatus: xStatusOf(error) };
      }
    }
    // The last part's id is written with the post's final status, in one statement.
    if (part === parts.at(-1)) return { last: { part, xPostId }, firstId: firstId(parts, xPostId), accepted };
    await recordPublished(part, xPostId);
    part.xPostId = xPostId;
    replyTo = xPostId;
  }
  return { last: null, firstId: firstId(parts, null), accepted };
}

/** The thread's first post, which the URL points at (the last part may be the first). */
function firstId(parts: PostPart[], lastId: string | null): string {
  const id = parts[0]?.xPostId ?? lastId;
  if (!id) throw new Error('published thread without a first post id');
  return id;
}

/** The claim, kept alive while a long publish (a thread, a video) runs; `lost` once another took it. */
interface Lease {
  lost(): boolean;
  release(): void;
}

function holdLease({ post, claimToken }: Claimed): Lease {
  let lost = false;
  const timer = setInterval(() => {
    statements()
      .renewLease.execute({ postId: post.id, claimToken, leaseMs: leaseMs() })
      .then((rows) => {
        if (rows.length === 0) lost = true;
      })
      .catch(() => undefined);
  }, leaseMs() / 3);
  return { lost: () => lost, release: () => clearInterval(timer) };
}

export async function publishPost(postId: string, revision: number): Promise<PublishResult> {
  const result = await attemptPublish(postId, revision);
  metrics().publishes.inc({ outcome: result.outcome });
  return result;
}

async function attemptPublish(postId: string, revision: number): Promise<PublishResult> {
  const claimed = await claimWhenVisible(postId, revision);
  if (!claimed) {
    logger().debug({ postId, revision, event: 'job_stale' }, 'job no longer matches the post; nothing to do');
    return { outcome: 'stale' };
  }
  const { post, account, parts } = claimed;
  if (post.scheduledAt && post.scheduledAt.getTime() - Date.now() > config().publishLeadMs + EARLY_TOLERANCE_MS) return putBack(claimed, post.scheduledAt);

  if (!account || parts.length === 0) return fail(claimed, 'Nothing to publish: the post has no parts or no account.', 'invalid_post');

  const lease = holdLease(claimed);
  try {
    // A failure here leaves the claim's sent marker: the next attempt looks on X before sending.
    const { token } = await accessTokenFor(account);
    const overLimit = await textOverLimit(claimed, account, token);
    if (overLimit) return await failBeforeSending(claimed, overLimit);
    const result = await publishParts(claimed, account, token, lease);
    if ('kind' in result) return await onFailure(claimed, result);

    const url = `https://x.com/${account.username}/status/${result.firstId}`;
    await finishPublished(claimed, url, result.last, result.accepted ? X_CREATED : null);
    return { outcome: 'published', url };
  } catch (error) {
    if (error instanceof ReconnectNeededError) return fail(claimed, error.message, 'reconnect_needed');
    if (error instanceof ClaimLostError) {
      logger().warn({ postId, revision, event: 'claim_lost' }, 'another worker took over this post; stopped');
      return { outcome: 'stale' };
    }
    // Token refresh hit the network or a 5xx, or Postgres hiccupped: worth another attempt.
    logger().error({ postId, revision, attempt: post.attempts, event: 'publish_error', ...errorSummary(error) }, 'publish attempt errored');
    return onFailure(claimed, { ...classifyXError(error), xStatus: xStatusOf(error) });
  } finally {
    lease.release();
  }
}
