// Events API: the App Home tab and direct messages to the bot. Bolt acks events itself before the
// listeners run; Slack retries unacked or slow deliveries with the same event_id, so each id is
// handled once (recorded by the runtime in the database).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { publishHome } from '../home.js';
import { slackUser } from '../identity.js';
import { createInteraction } from '../interaction.js';
import { renderMessage } from '../render/blocks.js';

/** Every Events API envelope has an event_id; one without is not from Slack's retry machinery. */
function deliveryId(body: unknown): { deliveryId?: string } {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' && id !== '' ? { deliveryId: `event:${id}` } : {};
}

/** "/sparring mine", "<@UBOT> mine" or just "mine" typed in the DM all mean the command "mine". */
export function commandText(text: string): string {
  return (
    text
      .replace(/^\s*(<@[A-Z0-9]+>\s*)+/, '')
      .replace(/^\s*\/[\w-]+\s*/, '')
      // Slack escapes exactly these three in message text; an answer is stored as she typed it.
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim()
  );
}

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const who = await deps.runtime.inbound.receive({ ...slackUser(deps.client, teamId, event.user), ...deliveryId(body) });
    if (who.kind === 'repeat') return;
    await publishHome(deps, teamId, event.user, who.kind === 'person' ? who.actor : null);
  });

  app.event('message', async ({ event, body }) => {
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; thread_ts?: string };
    // Only what a person writes in the bot's DM; edits, joins and other bots are not commands.
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user) return;
    const userId = m.user;
    const { runtime, driver } = deps;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    // The DM channel is remembered: later reminders go straight there without conversations.open.
    const who = await runtime.inbound.receive({ ...slackUser(deps.client, teamId, userId), ...deliveryId(body), conversationRef: JSON.stringify({ channel: m.channel }) });
    if (who.kind === 'repeat') return;
    if (who.kind === 'stranger') {
      await driver.postParts(m.channel, renderMessage(who.answer(who.locale)));
      return;
    }
    const actor = who.actor;
    const text = commandText(m.text ?? '');
    const ix = createInteraction(deps, actor, { teamId, userId, dmChannel: m.channel, replay: { k: 'c', t: text.slice(0, 1500) } });
    await runtime.dispatcher.command(actor, text, ix);
  });
}
