// The Slack platform driver: how the chat router delivers direct messages, channel posts, thread
// replies and updates. SentRef.ref is JSON {channel, ts}. Failures become Permanent/Transient
// delivery errors (see client.ts) so the router and the job engine know what to do. Every call is
// paced (pacer.ts). A delivered message carries its delivery id as message metadata, so a try that
// follows a crash or a timeout finds the earlier copy (recovery.ts) instead of posting it twice.
import type { webApi } from '@slack/bolt';
import type { ChannelTarget, DeliveryAttempt, DirectTarget, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';
import type { Directory } from '../../core/directory.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Logger } from '../../core/logger.js';
import type { ImageBlock, Message, MessageBuilder } from '../../core/messages.js';
import { slackErrorCode, toDeliveryError } from './client.js';
import { Pacer } from './pacer.js';
import { deliveryMetadata, partsAlreadyPosted, uploadName } from './recovery.js';
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
    private readonly pacer: Pacer = new Pacer(),
  ) {}

  private team: Promise<string> | null = null;
  /** The workspace this bot token belongs to (asked once). */
  private teamId(): Promise<string> {
    this.team ??= this.call('auth.test', undefined, () => this.client.auth.test()).then((r) => String((r as { team_id?: string }).team_id ?? ''));
    return this.team.catch((err) => {
      this.team = null;
      throw err;
    });
  }

  /** A roster person who never wrote to the bot: find them by email (users.lookupByEmail, Tier 3). */
  async discover(person: { personId: string; email: string }): Promise<boolean> {
    let userId: string | undefined;
    try {
      const res = await this.call('users.lookupByEmail', undefined, () => this.client.users.lookupByEmail({ email: person.email }));
      userId = (res.user as { id?: string; deleted?: boolean; is_bot?: boolean } | undefined)?.id;
    } catch (err) {
      // Not in this workspace. (A 429 stays transient: the job retries after Retry-After.)
      if (err instanceof PermanentDeliveryError && err.reason === 'users_not_found') return false;
      throw err;
    }
    if (!userId) return false;
    await this.directory.linkIdentity({ personId: person.personId, platform: 'slack', tenantId: await this.teamId(), externalId: userId });
    return true;
  }

  /** Opens (or reuses) the DM channel with a user and remembers it on the identity. */
  async openDm(target: Pick<DirectTarget, 'personId' | 'tenantId' | 'externalId'>): Promise<string> {
    const res = await this.call('conversations.open', undefined, () => this.client.conversations.open({ users: target.externalId, return_im: false }));
    const channel = (res as { channel?: { id?: string } }).channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await this.directory
      .linkIdentity({ personId: target.personId, platform: 'slack', tenantId: target.tenantId, externalId: target.externalId, conversationRef: JSON.stringify({ channel }) })
      .catch((err) => this.logger.warn({ err }, 'could not store the Slack DM channel'));
    return channel;
  }

  async sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    const message = build(locale);
    const cached = dmChannelOf(target.conversationRef);
    const channel = cached ?? (await this.openDm(target));
    try {
      return await this.deliver(channel, message, attempt);
    } catch (err) {
      // A stored DM channel can go stale (workspace migration): open it afresh once.
      if (cached && err instanceof PermanentDeliveryError && err.reason === 'channel_not_found') {
        return this.deliver(await this.openDm(target), message, attempt);
      }
      throw err;
    }
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    return this.deliver(target.channelId, build(locale), attempt);
  }

  /**
   * The text parts, then each picture as an uploaded file in the same place (Block Kit carries no
   * bytes). A queued delivery whose earlier try ended unseen first looks in the conversation for
   * what that try posted — text parts by their metadata, pictures by their file name — and sends
   * only the rest.
   */
  private async deliver(channel: string, message: Message, attempt?: DeliveryAttempt, threadTs?: string): Promise<SentRef> {
    const parts = renderMessage(message);
    const images = message.blocks.filter((b): b is ImageBlock => b.type === 'image');
    // A reply in a thread is not in the channel's history: it is read from the thread (conversations.replies).
    const posted = attempt?.unfinishedSince
      ? await partsAlreadyPosted(channel, attempt.id, attempt.unfinishedSince, (args) =>
          threadTs
            ? this.call('conversations.replies', undefined, () => this.client.conversations.replies({ ...args, ts: threadTs }))
            : this.call('conversations.history', undefined, () => this.client.conversations.history(args)),
        )
      : new Map<number, string>();
    if (posted.size > 0) this.logger.info({ delivery: attempt!.id, parts: posted.size }, 'found the earlier try in the conversation; not sending that again');
    const ref = await this.postParts(channel, parts, threadTs, attempt?.id, posted);
    for (const [i, img] of images.entries()) {
      const part = parts.length + i;
      if (!posted.has(part)) await this.upload(channel, img, threadTs, attempt ? uploadName(attempt.id, part) : 'sparring.png');
    }
    return ref;
  }

  /** files.uploadV2: getUploadURLExternal → POST the bytes → completeUploadExternal, shared into the channel. */
  private async upload(channel: string, img: ImageBlock, threadTs: string | undefined, filename: string): Promise<void> {
    const file = { channel_id: channel, file: Buffer.from(img.pngBase64, 'base64'), filename, title: img.title ?? img.alt, alt_text: img.alt.slice(0, 1000) };
    await this.call('files.uploadV2', channel, () => this.client.files.uploadV2(threadTs ? { ...file, thread_ts: threadTs } : file));
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    const parent = parseRef(to);
    return this.deliver(parent.channel, build(locale), attempt, parent.ts);
  }

  async update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    const { channel, ts } = parseRef(ref);
    const m = renderSingleMessage(build(locale));
    await this.call('chat.update', undefined, () => this.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks }));
  }

  /**
   * Posts a message (all its parts, in order); the reference is the first part's. With a delivery
   * id each part carries it as metadata; parts in `posted` (index → ts) are not posted again.
   */
  async postParts(channel: string, parts: RenderedMessage[], threadTs?: string, delivery?: string, posted = new Map<number, string>()): Promise<SentRef> {
    let first: SlackRef | null = null;
    for (const [i, part] of parts.entries()) {
      const earlier = posted.get(i);
      if (earlier) {
        first ??= { channel, ts: earlier };
        continue;
      }
      const res = await this.call('chat.postMessage', channel, () =>
        this.client.chat.postMessage({
          channel,
          text: part.text,
          blocks: part.blocks,
          // Links in flow texts are ours; previews would only add noise to short notices.
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(delivery ? { metadata: deliveryMetadata(delivery, i) } : {}),
        }),
      );
      const r = res as { channel?: string; ts?: string };
      first ??= { channel: r.channel ?? channel, ts: r.ts ?? '' };
    }
    return toRef(first!);
  }

  /** One paced Web API call; failures become delivery errors, and a Retry-After closes the method. */
  private async call<T>(method: string, channel: string | undefined, fn: () => Promise<T>): Promise<T> {
    await this.pacer.take(method, channel);
    try {
      return await fn();
    } catch (err) {
      const mapped = toDeliveryError(err);
      if (mapped instanceof TransientDeliveryError && mapped.rateLimited) this.pacer.retryAfter(method, mapped.retryAfterMs ?? 1000);
      if (mapped !== err) this.logger.info({ method, code: slackErrorCode(err), err: mapped.message }, 'Slack call failed');
      throw mapped;
    }
  }
}
