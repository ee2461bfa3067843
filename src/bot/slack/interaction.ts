// The runtime's Interaction for one Slack payload: private answers via the payload's response_url
// (works in any channel, even where the bot is not a member) or else the user's DM with the bot;
// forms as modals (views.open with the trigger_id, which lives 3 s and works once); updates of
// the clicked message via chat.update.
import type { RespondFn } from '@slack/bolt';
import type { Actor, Interaction } from '../../core/chat.js';
import { rich } from '../../core/i18n/text.js';
import { actions, text, type FormBuilder, type MessageBuilder } from '../../core/messages.js';
import { slackErrorCode } from './client.js';
import type { SlackDeps } from './deps.js';
import { dmChannelOf } from './driver.js';
import { renderMessage, renderSingleMessage } from './render/blocks.js';
import { renderForm } from './render/form.js';
import { slackTexts } from './texts.js';

/** Action id of the adapter's own "open the form" button (see REPLAY below). */
export const REPLAY_ACTION = 'slack.replay';

/**
 * How to redo an interaction with a fresh trigger_id when a form could not be opened (a command typed
 * in the DM has no trigger; a slow handler let it expire). Carried in the button's value; it is only
 * ever re-dispatched as the clicking user, so it needs no more trust than typed text.
 */
export type Replay = { k: 'c'; t: string } | { k: 'a'; a: string; v?: string };

export type Source =
  | { kind: 'message'; channel: string; ts: string; ephemeral: boolean }
  | { kind: 'home' }
  | { kind: 'modal' };

export interface SlackInteractionContext {
  teamId: string;
  userId: string;
  triggerId?: string;
  respond?: RespondFn;
  /** The DM channel the user wrote in (message.im). */
  dmChannel?: string;
  source?: Source;
  replay?: Replay;
}

export function createInteraction(deps: SlackDeps, actor: Actor, ctx: SlackInteractionContext): Interaction {
  const { client, driver, logger, runtime } = deps;

  const dm = async (): Promise<string> => {
    if (ctx.dmChannel) return ctx.dmChannel;
    const targets = await runtime.directory.directTargets(actor.personId);
    const stored = targets.find((t) => t.platform === 'slack' && t.externalId === ctx.userId && t.tenantId === ctx.teamId);
    return dmChannelOf(stored?.conversationRef ?? null) ?? driver.openDm({ personId: actor.personId, tenantId: ctx.teamId, externalId: ctx.userId });
  };

  const respond = async (build: MessageBuilder): Promise<void> => {
    const parts = renderMessage(build(actor.locale));
    if (ctx.respond && !ctx.dmChannel) {
      try {
        for (const p of parts) await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: p.text, blocks: p.blocks });
        return;
      } catch (err) {
        // response_url lives 30 minutes and allows five uses; the DM always works.
        logger.info({ err }, 'response_url failed; answering in the DM instead');
      }
    }
    await driver.postParts(await dm(), parts);
  };

  const ix: Interaction = {
    actor,
    respond,
    async openForm(build: FormBuilder) {
      const view = renderForm(build(actor.locale));
      if (ctx.triggerId) {
        try {
          await client.views.open({ trigger_id: ctx.triggerId, view });
          return;
        } catch (err) {
          const code = slackErrorCode(err);
          if (!ctx.replay || (code !== 'expired_trigger_id' && code !== 'invalid_trigger_id')) throw err;
          logger.info({ code }, 'trigger expired before the form opened; offering a button instead');
        }
      }
      if (!ctx.replay) throw new Error('cannot open a Slack modal without a trigger_id');
      const replay = JSON.stringify(ctx.replay).slice(0, 2000);
      await respond((l) => ({
        summary: slackTexts.plain(l, 'openFormPrompt'),
        blocks: [
          text(rich(slackTexts.for(l)('openFormPrompt'))),
          actions({ actionId: REPLAY_ACTION, value: replay, label: slackTexts.plain(l, 'openFormButton'), style: 'primary' }),
        ],
      }));
    },
    async updateSource(build: MessageBuilder) {
      const source = ctx.source;
      // The action listener re-publishes Home after every click from it.
      if (source?.kind === 'home') return;
      if (source?.kind === 'message') {
        const m = renderSingleMessage(build(actor.locale));
        try {
          if (source.ephemeral && ctx.respond) await ctx.respond({ replace_original: true, text: m.text, blocks: m.blocks });
          else await client.chat.update({ channel: source.channel, ts: source.ts, text: m.text, blocks: m.blocks });
          return;
        } catch (err) {
          logger.info({ err, code: slackErrorCode(err) }, 'could not update the clicked message; answering privately');
        }
      }
      await respond(build);
    },
  };
  return ix;
}
