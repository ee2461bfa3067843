// `/sparring <words>`: ack at once, then resolve the person and hand the words to the dispatcher,
// which understands Danish and English commands and answers anything unknown helpfully.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { interactionDeliveryId } from '../dedupe.js';
import { slackUser } from '../identity.js';
import { createInteraction } from '../interaction.js';
import { renderMessage } from '../render/blocks.js';

export function register(app: App, deps: SlackDeps): void {
  // Any command name: workspaces sometimes install a test copy as /sparring-test.
  app.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const { runtime } = deps;
    const who = await runtime.inbound.receive({ ...slackUser(deps.client, command.team_id, command.user_id), deliveryId: interactionDeliveryId('command', command, command) });
    if (who.kind === 'repeat') return;
    if (who.kind === 'stranger') {
      for (const p of renderMessage(who.answer(who.locale))) await respond({ response_type: 'ephemeral', text: p.text, blocks: p.blocks });
      return;
    }
    const actor = who.actor;
    const ix = createInteraction(deps, actor, {
      teamId: command.team_id,
      userId: command.user_id,
      triggerId: command.trigger_id,
      respond,
      replay: { k: 'c', t: command.text.slice(0, 1500) },
    });
    // Typed in a channel (not a DM): a coordinator may be linking this channel to a school.
    const inChannel = command.channel_id && !command.channel_id.startsWith('D');
    const channel = inChannel ? { platform: 'slack', tenantId: command.team_id, channelId: command.channel_id } : undefined;
    await runtime.dispatcher.command(actor, command.text ?? '', ix, channel);
  });
}
