// What a flow can do during one Teams turn. Teams has no ephemeral messages: in the 1:1 chat an
// answer is simply a message there; in a channel, answers that may be personal go to the person's
// 1:1 chat instead (a teacher's reflections must never land in a team channel). A card action's
// "update the source" is collected and returned in the invoke response (and applied for everyone).
import type { TurnContext } from 'botbuilder';
import type { Actor, Interaction } from '../../core/chat.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';
import type { Message, MessageBuilder, FormBuilder } from '../../core/messages.js';
import type { AdapterContext } from '../../core/adapter.js';
import type { TeamsDriver } from './driver.js';
import { cardActivity, renderMessageCards, textBlock, emptyCard, type AdaptiveCard } from './render/card.js';
import { renderFormCard } from './render/form.js';
import { escapeMarkdown, toMarkdown } from './render/markdown.js';
import { classifyConnectorError } from './errors.js';
import { teamsTexts } from './texts.js';

/** Where answers go: the conversation itself, or the person's 1:1 chat. */
export type AnswerRoute = 'here' | 'private';

export class TeamsInteraction implements Interaction {
  /** The replacement for the clicked card, when the flow asked for one. */
  updated: Message | null = null;

  constructor(
    private readonly context: TurnContext,
    readonly actor: Actor,
    private readonly route: AnswerRoute,
    /** True during a card action: updateSource replaces the card instead of sending a message. */
    private readonly hasSource: boolean,
    private readonly deps: { runtime: Pick<AdapterContext, 'directory' | 'clock' | 'logger'>; driver: TeamsDriver; tenantId: string },
  ) {}

  async respond(build: MessageBuilder): Promise<void> {
    const message = build(this.actor.locale);
    await this.deliver(renderMessageCards(message, this.actor.locale), message.summary);
  }

  async openForm(build: FormBuilder): Promise<void> {
    const form = build(this.actor.locale);
    await this.deliver([renderFormCard(form, this.actor.locale)], form.title);
  }

  async updateSource(build: MessageBuilder): Promise<void> {
    if (this.hasSource) this.updated = build(this.actor.locale);
    else await this.respond(build);
  }

  private async deliver(cards: AdaptiveCard[], summary: string): Promise<void> {
    if (this.route === 'here') {
      try {
        for (const card of cards) await this.context.sendActivity(cardActivity(card, summary));
      } catch (err) {
        // A 429, a 5xx or no answer: a TransientDeliveryError, so the answer is queued (answer-later.ts).
        throw classifyConnectorError(err);
      }
      return;
    }
    if (await this.sendPrivately(cards, summary)) return;
    // The person has no 1:1 chat with the bot yet: say so where they asked — without the content.
    const t = teamsTexts.for(this.actor.locale);
    await this.context.sendActivity(cardActivity(emptyCard([textBlock(toMarkdown(t('cannotReachPrivately')))]), teamsTexts.plain(this.actor.locale, 'cannotReachPrivately')));
  }

  private async sendPrivately(cards: AdaptiveCard[], summary: string): Promise<boolean> {
    const { runtime, driver, tenantId } = this.deps;
    const targets = (await runtime.directory.directTargets(this.actor.personId)).filter((t) => t.platform === 'teams' && !t.unreachable);
    const target = targets.find((t) => t.tenantId === tenantId) ?? targets[0];
    if (!target) return false;
    try {
      await driver.sendCardsDirect(target, cards, summary);
      return true;
    } catch (err) {
      // A passing refusal (429, 5xx, no answer) is not "cannot reach you": the dispatcher queues the
      // answer as a delivery to this person (core/answer-later.ts).
      if (err instanceof TransientDeliveryError) throw err;
      if (err instanceof PermanentDeliveryError) {
        await runtime.directory.markIdentityUnreachable(target.identityId, err.reason, runtime.clock.now());
      } else runtime.logger.warn({ err, personId: this.actor.personId }, 'private Teams answer failed');
      return false;
    }
  }
}

/** A one-line card, for short notices. */
export function noticeCard(text: string): AdaptiveCard {
  return emptyCard([textBlock(escapeMarkdown(text))]);
}
