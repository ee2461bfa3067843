// The outbox: the ChatPort flows use. A message is rendered for its recipient (their language) and
// stored as one "chat.deliver" job per recipient — inside a transaction, together with the decision
// that caused it. The job engine sends it after the commit (delivery.ts), so a crash between
// "decided" and "told" loses nothing, and the idempotency key makes sure it goes out once.
import type { ChannelPurpose, ChatPort, Content, PlatformName, RenderLater, SendOptions } from './chat.js';
import type { Clock } from './clock.js';
import type { Directory } from './directory.js';
import type { Locale } from './i18n/catalogue.js';
import type { JobScheduler } from './jobs/types.js';
import type { Message } from './messages.js';

export const DELIVER_JOB = 'chat.deliver';
/** A message is tried at least this often (with growing, capped waits)… */
const DELIVERY_ATTEMPTS = 20;
/**
 * …and through at least 24 hours of a platform outage, counted from the first failure, before it
 * counts as failed (then `status` and `sparring deliveries` show it). Rate limits never count.
 */
export const DELIVERY_RETRY_POLICY = { keepTryingMs: 24 * 3_600_000, maxBackoffMs: 30 * 60_000 } as const;

/** Where one delivery goes: a person, a school channel, or an earlier message to be replaced. */
export type DeliveryTarget = { person: string } | { channel: { schoolId: string; purpose: ChannelPurpose } } | { copy: { platform: PlatformName; ref: string } };

/** A "chat.deliver" job's payload: the message as rendered when it was decided, or how to render it when sent. */
export interface DeliveryPayload {
  to: DeliveryTarget;
  locale: Locale;
  message?: Message;
  render?: RenderLater;
  topic?: string;
  /** ISO instant after which the message is dropped instead of sent. */
  notAfter?: string;
  ifUndeliverable?: { kind: string; payload: unknown };
}

/** A message sent under a topic, remembered so it can be replaced later. */
export interface StoredCopy {
  id: string;
  platform: PlatformName;
  ref: string;
  locale: Locale;
}

/** Where sent copies are remembered (src/store/copy-repository.ts). */
export interface CopyStore {
  saveCopy(topic: string, copy: Omit<StoredCopy, 'id'>): Promise<void>;
  copies(topic: string): Promise<StoredCopy[]>;
}

export interface OutboxDeps {
  directory: Directory;
  jobs: JobScheduler;
  copies: CopyStore;
  clock: Clock;
  platforms: () => PlatformName[];
}

export class Outbox implements ChatPort {
  constructor(private readonly d: OutboxDeps) {}

  async sendToPerson(personId: string, build: Content, options: SendOptions): Promise<void> {
    const person = await this.d.directory.person(personId);
    if (!person?.active) return;
    await this.queue({ person: personId }, person.locale, build, options, person.municipalityId);
  }

  async postToChannel(schoolId: string, purpose: ChannelPurpose, build: Content, options: SendOptions): Promise<void> {
    const school = await this.d.directory.school(schoolId);
    if (!school) return;
    await this.queue({ channel: { schoolId, purpose } }, school.locale, build, options, school.municipalityId);
  }

  async updateCopies(topic: string, build: Content, options: { key: string }): Promise<void> {
    for (const copy of await this.d.copies.copies(topic)) {
      // An update only corrects what people already have (a lesson now taken): no reason to wait for
      // working hours, and no notification is sent for it.
      await this.queue({ copy: { platform: copy.platform, ref: copy.ref } }, copy.locale, build, { key: `${options.key}:${copy.id}`, quietHoursApply: false }, null);
    }
  }

  platforms(): PlatformName[] {
    return this.d.platforms();
  }

  private async queue(to: DeliveryTarget, locale: Locale, build: Content, o: SendOptions, municipalityId: string | null): Promise<void> {
    const payload: DeliveryPayload = {
      to,
      locale,
      ...(typeof build === 'function' ? { message: build(locale) } : { render: build }),
      ...(o.topic ? { topic: o.topic } : {}),
      ...(o.notAfter ? { notAfter: o.notAfter.toISOString() } : {}),
      ...(o.ifUndeliverable ? { ifUndeliverable: o.ifUndeliverable } : {}),
    };
    await this.d.jobs.schedule({
      kind: DELIVER_JOB,
      payload,
      runAt: o.at ?? this.d.clock.now(),
      idempotencyKey: o.key,
      messagesStaff: o.quietHoursApply ?? true,
      maxAttempts: DELIVERY_ATTEMPTS,
      ...(municipalityId ? { municipalityId } : {}),
    });
  }
}
