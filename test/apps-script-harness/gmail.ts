/// <reference types="google-apps-script" />
// GmailApp.sendEmail and MailApp: an outbox instead of mail, and the daily recipient quota
// that both services draw from (every To, Cc and Bcc address counts one).
import {
  asGas,
  type Emulated,
  GasException,
  LABEL,
  type Runtime,
  signatureError,
} from './runtime.js';
import { blobOf } from './utilities.js';

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  bytes: Buffer;
  /** The bytes as UTF-8 text. */
  text: string;
}

export interface SentEmail {
  via: 'GmailApp' | 'MailApp';
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  from?: string;
  noReply?: boolean;
  attachments: SentAttachment[];
  sentAt: Date;
}

/** The outbox and the quota, shared by GmailApp and MailApp. */
export class Mailer {
  readonly outbox: SentEmail[] = [];
  constructor(
    private readonly runtime: Runtime,
    /** Recipients left today; settable by tests. */
    public remainingDailyQuota: number,
  ) {}

  send(
    via: SentEmail['via'],
    recipient: unknown,
    subject: unknown,
    body: unknown,
    options: Record<string, unknown> = {},
  ): void {
    const method = `${via}.sendEmail`;
    if (typeof recipient !== 'string' || typeof subject !== 'string') {
      throw signatureError(method, [recipient, subject, body, options]);
    }
    const to = addresses(recipient);
    const cc = addresses(options.cc);
    const bcc = addresses(options.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw new GasException('Failed to send email: no recipient');
    for (const address of all) {
      if (!/^[^@\s<>(),;:]+@[^@\s<>(),;:]+\.[^@\s<>(),;:]+$/.test(bareAddress(address))) {
        throw new GasException(`Invalid email: ${address}`);
      }
    }
    if (all.length > this.remainingDailyQuota) {
      throw new GasException('Service invoked too many times for one day: email.');
    }
    const attachments = Array.isArray(options.attachments) ? options.attachments : [];
    const email: SentEmail = {
      via,
      to,
      cc,
      bcc,
      subject,
      body: body === undefined || body === null ? '' : String(body),
      attachments: attachments.map((source) => {
        const blob = blobOf(source);
        return {
          name: blob.getName(),
          contentType: blob.getContentType(),
          bytes: Buffer.from(blob._data),
          text: blob._data.toString('utf8'),
        };
      }),
      sentAt: this.runtime.clock.now(),
    };
    for (const key of ['htmlBody', 'name', 'replyTo', 'from'] as const) {
      if (options[key] !== undefined) email[key] = String(options[key]);
    }
    if (options.noReply !== undefined) email.noReply = Boolean(options.noReply);
    this.remainingDailyQuota -= all.length;
    this.outbox.push(email);
  }
}

function addresses(list: unknown): string[] {
  if (list === undefined || list === null || list === '') return [];
  return String(list)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

function bareAddress(address: string): string {
  const m = /<([^>]*)>\s*$/.exec(address);
  return m ? (m[1] ?? '').trim() : address;
}

export class EmulatedGmailApp
  implements Emulated, Pick<GoogleAppsScript.Gmail.GmailApp, 'sendEmail'>
{
  readonly [LABEL] = 'GmailApp';
  constructor(private readonly mailer: Mailer) {}
  sendEmail(
    recipient: string,
    subject: string,
    body: string,
    options?: GoogleAppsScript.Gmail.GmailAdvancedOptions,
  ): GoogleAppsScript.Gmail.GmailApp {
    this.mailer.send('GmailApp', recipient, subject, body, { ...options });
    return asGas(this);
  }
}

export class EmulatedMailApp
  implements Emulated, Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota' | 'sendEmail'>
{
  readonly [LABEL] = 'MailApp';
  constructor(private readonly mailer: Mailer) {}
  getRemainingDailyQuota(): number {
    return this.mailer.remainingDailyQuota;
  }
  sendEmail(
    ...args:
      | [GoogleAppsScript.Mail.MailAdvancedParameters]
      | [string, string, string]
      | [string, string, string, GoogleAppsScript.Mail.MailAdvancedParameters]
      | [string, string, string, string]
  ): void {
    const [first, second, third, fourth] = args;
    if (args.length === 1 && typeof first === 'object' && first !== null) {
      const { to, subject, body, ...options } = first;
      this.mailer.send('MailApp', to, subject, body, options);
    } else if (typeof fourth === 'string') {
      // sendEmail(to, replyTo, subject, body)
      this.mailer.send('MailApp', first, third, fourth, { replyTo: second });
    } else {
      this.mailer.send('MailApp', first, second, third, { ...(fourth ?? {}) });
    }
  }
}
