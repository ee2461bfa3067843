// Events API: the App Home tab and direct messages to the bot. Bolt acks events itself before the
// listeners run; Slack retries unacked or slow deliveries with the same event_id, so each id is
// handled once (recorded by the runtime in the database).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { publishHome } from '../home.js';
import { createInteraction } from '../interaction.js';
import { renderMessage } from '../render/blocks.js';

function eventId(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function firstTime(deps: SlackDeps, body: unknown): Promise<boolean> {
  const id = eventId(body);
  // Every Events API envelope has an event_id; one without is not from Slack's retry machinery.
  return id === undefined ? true : deps.runtime.dispatcher.firstDelivery('slack', `event:${id}`);
}

/** "/sparring mine", "<@UBOT> mine" or just "mine" typed in the DM all mean the command "mine". */
export function commandText(text: string): string {
  return text
    .replace(/^\s*(<@[A-Z0-9]+>\s*)+/, '')
    .replace(/^\s*\/[\w-]+\s*/, '')
    .trim();
}

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    if (!(await firstTime(deps, body))) return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const actor = await deps.identities.actor(teamId, event.user);
    await publishHome(deps, teamId, event.user, actor);
  });

  app.event('message', async ({ event, body }) => {
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; thread_ts?: string };
    // Only what a person writes in the bot's DM; edits, joins and other bots are not commands.
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user) return;
    const userId = m.user;
    if (!(await firstTime(deps, body))) return;
    const { runtime, identities, driver } = deps;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const actor = await identities.actor(teamId, userId);
    if (!actor) {
      const answer = await identities.notOnRoster(teamId);
      await driver.postParts(m.channel, renderMessage(answer(runtime.config.locale)));
      return;
    }
    // Remember the DM channel: later reminders go straight there without conversations.open.
    await runtime.directory.linkIdentity({ personId: actor.personId, platform: 'slack', tenantId: teamId, externalId: userId, conversationRef: JSON.stringify({ channel: m.channel }) });
    const text = commandText(m.text ?? '');
    const ix = createInteraction(deps, actor, { teamId, userId, dmChannel: m.channel, replay: { k: 'c', t: text.slice(0, 1500) } });
    await runtime.dispatcher.command(actor, text, ix);
  });
}
