import 'server-only';
import { eq } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { notificationSettings, notifications } from '../db/schema';
import { errorSummary, logger } from '../log';
import { mailEnabled, sendMail } from '../mail/send';
import { NOTIFICATION_EMAIL_JOB, webhookQueue, type NotificationEmailJobData } from '../queue';

/** Tries per email (then the job fails and stays in Redis a while for a look), backing off from 30 s. */
export const EMAIL_ATTEMPTS = 4;
const EMAIL_BACKOFF_MS = 30_000;

/** Where this user's notification emails go, or null: none set. */
export async function notificationEmail(userId: string): Promise<string | null> {
  const [row] = await db().select({ email: notificationSettings.email }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row?.email ?? null;
}

export async function setNotificationEmail(userId: string, email: string | null): Promise<void> {
  await db()
    .insert(notificationSettings)
    .values({ userId, email })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { email, updatedAt: new Date() } });
}

/**
 * Queues the email of a notification, when email is configured and the user has an address. The
 * job carries the id only: the address and text are read from Postgres when it runs, so a user
 * who removes their address before it runs gets nothing.
 */
export async function queueNotificationEmail(userId: string, notificationId: string): Promise<void> {
  if (!mailEnabled() || !(await notificationEmail(userId))) return;
  const data: NotificationEmailJobData = { notificationId };
  // On the outbound queue with webhook deliveries: a slow mail server never holds a publishing slot.
  await webhookQueue().add(NOTIFICATION_EMAIL_JOB, data, {
    jobId: `n${notificationId}`,
    attempts: EMAIL_ATTEMPTS,
    backoff: { type: 'exponential', delay: EMAIL_BACKOFF_MS },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

export type EmailOutcome = 'sent' | 'skipped';

/**
 * The email job: sends the notification to the user's address. Nothing to send (email turned off,
 * address removed, notification swept) is not an error. A failure is logged (never the SMTP URL,
 * the address or the text) and thrown, for the queue to try again.
 */
export async function sendNotificationEmail(notificationId: string, attempt = 1): Promise<EmailOutcome> {
  if (!mailEnabled()) return 'skipped';
  const [row] = await db()
    .select({ n: notifications, email: notificationSettings.email })
    .from(notifications)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
    .where(eq(notifications.id, notificationId));
  if (!row?.email) return 'skipped';
  const base = config().authUrl;
  const text = [
    row.n.body,
    '',
    `Open Herald: ${base}${row.n.link}`,
    '',
    `You get this email because this address is set for notifications in Herald. Change or remove it in Settings: ${base}/settings`,
  ].join('\n');
  try {
    await sendMail({ to: row.email, subject: row.n.title, text });
  } catch (error) {
    logger().warn({ event: 'notification_email_failed', notificationId, attempt, of: EMAIL_ATTEMPTS, ...errorSummary(error) }, 'could not send a notification email');
    throw error;
  }
  logger().info({ event: 'notification_email_sent', notificationId }, 'notification email sent');
  return 'sent';
}
