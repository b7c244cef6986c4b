import 'server-only';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { config } from '../config';

/** Opening the connection, the server's greeting, and silence on the socket: each bounded. */
export const MAIL_TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 } as const;
/** The whole send, whatever the server does (a server that trickles bytes keeps the socket alive). */
export const MAIL_DEADLINE_MS = 45_000;

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Email is configured (SMTP_URL and MAIL_FROM): notifications go out by email too. */
export const mailEnabled = (): boolean => config().mail !== undefined;

/**
 * Sends one plain-text email through SMTP_URL, from MAIL_FROM. One connection per message: mail
 * is rare (failures, reconnections), and no pooled connection outlives a broken server. Throws on
 * any failure or after MAIL_DEADLINE_MS; the caller retries (lib/notifications/email).
 */
export async function sendMail(mail: Mail): Promise<void> {
  const settings = config().mail;
  if (!settings) throw new Error('email is not configured (SMTP_URL, MAIL_FROM)');
  // Parsed here rather than passed as `url`: given a url, nodemailer drops every other option (the timeouts).
  const transport = nodemailer.createTransport({
    ...parseConnectionUrl(settings.smtpUrl),
    connectionTimeout: MAIL_TIMEOUTS.connectionMs,
    greetingTimeout: MAIL_TIMEOUTS.greetingMs,
    socketTimeout: MAIL_TIMEOUTS.socketMs,
    dnsTimeout: MAIL_TIMEOUTS.connectionMs,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new MailTimeoutError()), MAIL_DEADLINE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

export class MailTimeoutError extends Error {
  constructor() {
    super(`sending the email took longer than ${MAIL_DEADLINE_MS} ms`);
  }
}
