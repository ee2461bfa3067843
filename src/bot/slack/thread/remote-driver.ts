// Inside the Slack work thread: the other platforms (Teams, the playground) live on the main
// thread, where their SDKs and connections are. A flow run here may still message someone there
// (a teacher on Slack offers, a learning agent on Teams is told), so the thread's chat router gets
// one RemoteDriver per such platform. It renders nothing itself: it builds the neutral message in
// the recipient's language and asks the main thread's real driver to send it.
import type { ChannelTarget, DirectTarget, PlatformDriver, PlatformName, SentRef } from '../../../core/chat.js';
import type { Locale } from '../../../core/i18n/catalogue.js';
import type { MessageBuilder } from '../../../core/messages.js';
import type { Rpc } from './rpc.js';

export class RemoteDriver implements PlatformDriver {
  constructor(
    readonly platform: PlatformName,
    private readonly rpc: Rpc,
  ) {}

  sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    return this.rpc.call('driver', this.platform, 'sendDirect', target, build(locale), locale);
  }

  postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    return this.rpc.call('driver', this.platform, 'postChannel', target, build(locale), locale);
  }

  reply(to: SentRef, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    return this.rpc.call('driver', this.platform, 'reply', to, build(locale), locale);
  }

  update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    return this.rpc.call('driver', this.platform, 'update', ref, build(locale), locale);
  }

  discover(person: { personId: string; email: string }): Promise<boolean> {
    return this.rpc.call('discover', this.platform, person);
  }
}

/** The main thread's side: runs a RemoteDriver's call on the real driver. */
export function serveDrivers(rpc: Rpc, driverFor: (platform: PlatformName) => PlatformDriver | undefined): void {
  rpc.handle('driver', (platform: PlatformName, method: 'sendDirect' | 'postChannel' | 'reply' | 'update', target: never, message: unknown, locale: Locale) => {
    const driver = driverFor(platform);
    if (!driver) throw new Error(`no ${platform} driver on the main thread`);
    return driver[method](target, () => message as ReturnType<MessageBuilder>, locale);
  });
  rpc.handle('discover', async (platform: PlatformName, person: { personId: string; email: string }) => {
    const driver = driverFor(platform);
    return driver?.discover ? driver.discover(person) : false;
  });
}
