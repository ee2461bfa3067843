// Sends now: picks the platform a person (or school channel) is reachable on, renders in the
// recipient's locale through that platform's driver, and turns permanent delivery errors into
// "unreachable" marks so nobody retries them forever. Flows never call it: they queue messages in the
// outbox (outbox.ts), whose delivery jobs call it (delivery.ts). Adapters add their drivers here.
import type { ChannelPurpose, DeliveryAttempt, PlatformDriver, PlatformName, SentRef } from './chat.js';
import { PermanentDeliveryError } from './chat.js';
import type { Clock } from './clock.js';
import type { Directory } from './directory.js';
import type { Locale } from './i18n/catalogue.js';
import type { Logger } from './logger.js';
import type { MessageBuilder } from './messages.js';
import type { RuntimeMetrics } from './metrics.js';

/** How long "this platform does not know that person" is believed before asking again. */
const DISCOVERY_RETRY_MS = 6 * 3_600_000;

export class ChatRouter {
  private readonly drivers = new Map<PlatformName, PlatformDriver>();

  constructor(
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly metrics?: RuntimeMetrics,
  ) {}

  addDriver(driver: PlatformDriver): void {
    this.drivers.set(driver.platform, driver);
  }

  platforms(): PlatformName[] {
    return [...this.drivers.keys()];
  }

  /** Null when the person has no reachable identity on any platform of this deployment. */
  async sendToPerson(personId: string, build: MessageBuilder, locale?: Locale, attempt?: DeliveryAttempt): Promise<SentRef | null> {
    const person = await this.directory.person(personId);
    if (!person || !person.active) return null;
    const reachable = async () => (await this.directory.directTargets(personId)).filter((t) => this.drivers.has(t.platform) && !t.unreachable);
    let target = (await reachable())[0]; // most recently seen first
    if (!target && (await this.discover(personId, person.email))) target = (await reachable())[0];
    if (!target) {
      this.logger.info({ personId }, 'no reachable identity for person; message not sent');
      return null;
    }
    const driver = this.drivers.get(target.platform)!;
    return this.deliver(
      target.platform,
      () => driver.sendDirect(target, build, locale ?? person.locale, attempt),
      (reason) => this.directory.markIdentityUnreachable(target.identityId, reason, this.clock.now()),
    );
  }

  /** Someone never seen on any platform: ask the drivers that can look people up (not too often). */
  private readonly notFound = new Map<string, number>();
  private async discover(personId: string, email: string): Promise<boolean> {
    for (const driver of this.drivers.values()) {
      if (!driver.discover) continue;
      const key = `${driver.platform}:${personId}`;
      if ((this.notFound.get(key) ?? 0) > this.clock.now().getTime()) continue;
      if (await driver.discover({ personId, email })) return true;
      this.notFound.set(key, this.clock.now().getTime() + DISCOVERY_RETRY_MS);
    }
    return false;
  }

  /** Null when the school has no reachable channel of this purpose on a platform of this deployment. */
  async postToChannel(schoolId: string, purpose: ChannelPurpose, build: MessageBuilder, locale?: Locale, attempt?: DeliveryAttempt): Promise<SentRef | null> {
    const target = await this.directory.channelTarget(schoolId, purpose);
    if (!target || target.unreachable || !this.drivers.has(target.platform)) return null;
    const driver = this.drivers.get(target.platform)!;
    const inLocale = locale ?? (await this.schoolLocale(schoolId));
    return this.deliver(
      target.platform,
      () => driver.postChannel(target, build, inLocale, attempt),
      (reason) => this.directory.markChannelUnreachable(target.channelRowId, reason, this.clock.now()),
    );
  }

  /** Sends, counts, and on a permanent error marks the recipient unreachable before rethrowing. */
  private async deliver(platform: PlatformName, send: () => Promise<SentRef>, markUnreachable: (reason: string) => Promise<void>): Promise<SentRef> {
    try {
      const ref = await send();
      this.metrics?.messageSent(platform);
      return ref;
    } catch (err) {
      const permanent = err instanceof PermanentDeliveryError;
      if (permanent) await markUnreachable(err.reason);
      this.metrics?.deliveryError(platform, permanent ? 'permanent' : 'transient');
      throw err;
    }
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale = 'da', attempt?: DeliveryAttempt): Promise<SentRef> {
    const ref = await this.driver(to.platform).reply(to, build, locale, attempt);
    this.metrics?.messageSent(to.platform);
    return ref;
  }

  async update(ref: SentRef, build: MessageBuilder, locale: Locale = 'da'): Promise<void> {
    await this.driver(ref.platform).update(ref, build, locale);
  }

  private driver(platform: PlatformName): PlatformDriver {
    const d = this.drivers.get(platform);
    if (!d) throw new PermanentDeliveryError('platform_disabled', `platform ${platform} is not enabled in this deployment`);
    return d;
  }

  private schoolLocaleCache = new Map<string, Locale>();
  private async schoolLocale(schoolId: string): Promise<Locale> {
    const cached = this.schoolLocaleCache.get(schoolId);
    if (cached) return cached;
    const locale = await this.directory.schoolLocale(schoolId);
    this.schoolLocaleCache.set(schoolId, locale);
    return locale;
  }
}
