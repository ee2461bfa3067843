// The playground's platform driver: what the bot writes is kept in the chat log (a database table,
// so it survives a restart), rendered in Danish and English alike so the page can switch language.
// A message that is gone (an old announcement copy) is a permanent delivery error, not a crash.
import type { Actor, ChannelTarget, DirectTarget, Interaction, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError } from '../../core/chat.js';
import type { ChatLog, Renderings } from '../../core/chat-log.js';
import type { MessageBuilder } from '../../core/messages.js';

export const personAddress = (personId: string) => `person:${personId}`;
export const privateAddress = (personId: string) => `ephemeral:${personId}`;
export const channelAddress = (channelId: string) => `channel:${channelId}`;

/** Every language's rendering of a message (the builder is a function of the language). */
export const renderAll = (build: MessageBuilder): Renderings => ({ da: build('da'), en: build('en') });

export class PlaygroundChat implements PlatformDriver {
  readonly platform = 'local' as const;
  constructor(private readonly log: ChatLog) {}

  async sendDirect(target: DirectTarget, build: MessageBuilder): Promise<SentRef> {
    return this.write(personAddress(target.personId), build);
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder): Promise<SentRef> {
    return this.write(channelAddress(target.channelId), build);
  }

  async reply(to: SentRef, build: MessageBuilder): Promise<SentRef> {
    const parent = await this.log.get(to.ref);
    if (!parent) throw new PermanentDeliveryError('message_not_found');
    return { platform: 'local', ref: await this.log.append({ address: parent.address, content: renderAll(build), threadOf: parent.id }) };
  }

  async update(ref: SentRef, build: MessageBuilder): Promise<void> {
    if (!(await this.log.replace(ref.ref, renderAll(build)))) throw new PermanentDeliveryError('message_not_found');
  }

  /** Answers to one acting person: private answers, and the clicked message updated in place. */
  interaction(actor: Actor, source: SentRef | undefined, openForm: Interaction['openForm']): Interaction {
    return {
      actor,
      respond: async (build) => void (await this.write(privateAddress(actor.personId), build)),
      openForm,
      updateSource: async (build) => {
        // The clicked message may be gone (deleted data); then the update comes as a private answer.
        if (source && (await this.log.replace(source.ref, renderAll(build)))) return;
        await this.write(privateAddress(actor.personId), build);
      },
    };
  }

  private async write(address: string, build: MessageBuilder): Promise<SentRef> {
    return { platform: 'local', ref: await this.log.append({ address, content: renderAll(build) }) };
  }
}
