// The Slack platform driver: how the chat router delivers direct messages, channel posts, thread
// replies and updates. SentRef.ref is JSON {channel, ts}. Failures become Permanent/Transient
// delivery errors (see client.ts) so the router and the job engine know what to do.
import type { webApi } from '@slack/bolt';
import type { ChannelTarget, DirectTarget, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError } from '../../core/chat.js';
import type { Directory } from '../../core/directory.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Logger } from '../../core/logger.js';
import type { ImageBlock, Message, MessageBuilder } from '../../core/messages.js';
import { slackErrorCode, toDeliveryError } from './client.js';
import { renderMessage, renderSingleMessage, type RenderedMessage } from './render/blocks.js';

export interface SlackRef {
  channel: string;
  ts: string;
}

export function parseRef(ref: SentRef): SlackRef {
  try {
    const parsed = JSON.parse(ref.ref) as Partial<SlackRef>;
    if (typeof parsed.channel === 'string' && typeof parsed.ts === 'string') return { channel: parsed.channel, ts: parsed.ts };
  } catch {
    // fall through
  }
  throw new Error(`not a Slack message reference: ${ref.ref}`);
}

const toRef = (r: SlackRef): SentRef => ({ platform: 'slack', ref: JSON.stringify(r) });

/** The DM channel stored for an identity ({"channel":"D…"}), if any. */
export function dmChannelOf(conversationRef: string | null): string | null {
  if (!conversationRef) return null;
  try {
    const c = (JSON.parse(conversationRef) as { channel?: unknown }).channel;
    return typeof c === 'string' && c !== '' ? c : null;
  } catch {
    return null;
  }
}

export class SlackDriver implements PlatformDriver {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly directory: Directory,
    private readonly logger: Logger,
  ) {}

  private team: Promise<string> | null = null;
  /** The workspace this bot token belongs to (asked once). */
  private teamId(): Promise<string> {
    this.team ??= this.call(() => this.client.auth.test()).then((r) => String((r as { team_id?: string }).team_id ?? ''));
    return this.team.catch((err) => {
      this.team = null;
      throw err;
    });
  }

  /** A roster person who never wrote to the bot: find them by email (users.lookupByEmail, Tier 3). */
  async discover(person: { personId: string; email: string }): Promise<boolean> {
    let userId: string | undefined;
    try {
      const res = await this.client.users.lookupByEmail({ email: person.email });
      userId = (res.user as { id?: string; deleted?: boolean; is_bot?: boolean } | undefined)?.id;
    } catch (err) {
      if (slackErrorCode(err) === 'users_not_found') return false;
      throw toDeliveryError(err); // a 429 becomes transient: the job retries after Retry-After
    }
    if (!userId) return false;
    await this.directory.linkIdentity({ personId: person.personId, platform: 'slack', tenantId: await this.teamId(), externalId: userId });
    return true;
  }

  /** Opens (or reuses) the DM channel with a user and remembers it on the identity. */
  async openDm(target: Pick<DirectTarget, 'personId' | 'tenantId' | 'externalId'>): Promise<string> {
    const res = await this.call(() => this.client.conversations.open({ users: target.externalId, return_im: false }));
    const channel = (res as { channel?: { id?: string } }).channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await this.directory
      .linkIdentity({ personId: target.personId, platform: 'slack', tenantId: target.tenantId, externalId: target.externalId, conversationRef: JSON.stringify({ channel }) })
      .catch((err) => this.logger.warn({ err }, 'could not store the Slack DM channel'));
    return channel;
  }

  async sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const message = build(locale);
    const cached = dmChannelOf(target.conversationRef);
    const channel = cached ?? (await this.openDm(target));
    try {
      return await this.post(channel, message);
    } catch (err) {
      // A stored DM channel can go stale (workspace migration): open it afresh once.
      if (cached && err instanceof PermanentDeliveryError && err.reason === 'channel_not_found') {
        return this.post(await this.openDm(target), message);
      }
      throw err;
    }
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    return this.post(target.channelId, build(locale));
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const parent = parseRef(to);
    return this.post(parent.channel, build(locale), parent.ts);
  }

  /** The text parts, then each picture as an uploaded file in the same place (Block Kit carries no bytes). */
  private async post(channel: string, message: Message, threadTs?: string): Promise<SentRef> {
    const ref = await this.postParts(channel, renderMessage(message), threadTs);
    for (const img of message.blocks.filter((b): b is ImageBlock => b.type === 'image')) await this.upload(channel, img, threadTs);
    return ref;
  }

  /** files.uploadV2: getUploadURLExternal → POST the bytes → completeUploadExternal, shared into the channel. */
  private async upload(channel: string, img: ImageBlock, threadTs?: string): Promise<void> {
    const file = { channel_id: channel, file: Buffer.from(img.pngBase64, 'base64'), filename: 'sparring.png', title: img.title ?? img.alt, alt_text: img.alt.slice(0, 1000) };
    await this.call(() => this.client.files.uploadV2(threadTs ? { ...file, thread_ts: threadTs } : file));
  }

  async update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    const { channel, ts } = parseRef(ref);
    const m = renderSingleMessage(build(locale));
    await this.call(() => this.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks }));
  }

  /** Posts a message (all its parts, in order); the reference is the first part's. */
  async postParts(channel: string, parts: RenderedMessage[], threadTs?: string): Promise<SentRef> {
    let first: SlackRef | null = null;
    for (const part of parts) {
      const res = await this.call(() =>
        this.client.chat.postMessage({
          channel,
          text: part.text,
          blocks: part.blocks,
          // Links in flow texts are ours; previews would only add noise to short notices.
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
      const r = res as { channel?: string; ts?: string };
      first ??= { channel: r.channel ?? channel, ts: r.ts ?? '' };
    }
    return toRef(first!);
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const mapped = toDeliveryError(err);
      if (mapped !== err) this.logger.info({ code: slackErrorCode(err), err: mapped.message }, 'Slack call failed');
      throw mapped;
    }
  }
}
