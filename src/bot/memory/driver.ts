// The in-memory platform: a driver and interactions that record everything, rendered to neutral
// messages. Flow tests assert on it ("who got which message, which buttons") without any SDK; the
// local playground shows the same record in a browser.
import type { Actor, ChannelTarget, DirectTarget, Interaction, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError } from '../../core/chat.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { toPlain } from '../../core/i18n/text.js';
import type { Button, Form, FormBuilder, Message, MessageBuilder } from '../../core/messages.js';

export interface RecordedMessage {
  id: string;
  /** "person:<personId>" or "channel:<schoolId>:<purpose>" or "ephemeral:<personId>". */
  to: string;
  locale: Locale;
  message: Message;
  /** Earlier versions, oldest first, when the message was updated. */
  history: Message[];
  threadOf?: string;
}

export class MemoryChat implements PlatformDriver {
  readonly platform = 'local' as const;
  readonly messages: RecordedMessage[] = [];
  readonly forms: { personId: string; form: Form }[] = [];
  /** External ids (person ids) that behave like a user who blocked the bot. */
  readonly unreachable = new Set<string>();
  private seq = 0;

  async sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    if (this.unreachable.has(target.externalId)) throw new PermanentDeliveryError('user_not_found');
    return this.record(`person:${target.personId}`, build, locale);
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    return this.record(`channel:${target.schoolId}:${target.purpose}`, build, locale);
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const parent = this.byRef(to);
    const ref = this.record(parent.to, build, locale);
    this.byRef(ref).threadOf = parent.id;
    return ref;
  }

  async update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    const m = this.byRef(ref);
    m.history.push(m.message);
    m.message = build(m.locale ?? locale);
  }

  /** An interaction as a platform would offer it for one acting person. */
  interaction(actor: Actor, source?: SentRef): Interaction & { responses: Message[] } {
    const responses: Message[] = [];
    return {
      actor,
      responses,
      respond: async (build: MessageBuilder) => {
        const message = build(actor.locale);
        responses.push(message);
        this.messages.push({ id: this.nextId(), to: `ephemeral:${actor.personId}`, locale: actor.locale, message, history: [] });
      },
      openForm: async (build: FormBuilder) => {
        this.forms.push({ personId: actor.personId, form: build(actor.locale) });
      },
      updateSource: async (build: MessageBuilder) => {
        if (source) await this.update(source, build, actor.locale);
        else await this.record(`ephemeral:${actor.personId}`, build, actor.locale);
      },
    };
  }

  // ── Assertions helpers ─────────────────────────────────────────────────────────────────────
  to(address: string): RecordedMessage[] {
    return this.messages.filter((m) => m.to === address);
  }
  toPerson(personId: string): RecordedMessage[] {
    return this.to(`person:${personId}`);
  }
  toChannel(schoolId: string, purpose: 'leadership' | 'agents'): RecordedMessage[] {
    return this.to(`channel:${schoolId}:${purpose}`);
  }
  lastFormFor(personId: string): Form | undefined {
    return this.forms.filter((f) => f.personId === personId).at(-1)?.form;
  }
  clear(): void {
    this.messages.length = 0;
    this.forms.length = 0;
  }

  private record(to: string, build: MessageBuilder, locale: Locale): SentRef {
    const id = this.nextId();
    this.messages.push({ id, to, locale, message: build(locale), history: [] });
    return { platform: 'local', ref: id };
  }

  private byRef(ref: SentRef): RecordedMessage {
    const m = this.messages.find((x) => x.id === ref.ref);
    if (!m) throw new PermanentDeliveryError('message_not_found');
    return m;
  }

  private nextId(): string {
    this.seq += 1;
    return `m${this.seq}`;
  }
}

/** Plain text of a whole message: summary, every text block, field and context line. */
export function messageText(m: Message): string {
  return [
    m.summary,
    ...m.blocks.map((b) => {
      switch (b.type) {
        case 'header':
          return b.text;
        case 'text':
        case 'context':
          return toPlain(b.text);
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${toPlain(f.value)}`).join('\n');
        case 'actions':
          return b.buttons.map((x) => `[${x.label}]`).join(' ');
        case 'image':
          return `[${b.alt}]`;
        default:
          return '';
      }
    }),
  ].join('\n');
}

export function buttonsOf(m: Message): Button[] {
  return m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}
