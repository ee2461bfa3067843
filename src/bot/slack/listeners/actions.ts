// Button clicks (block_actions): ack at once, drop repeats, then route the neutral action id and
// value to the flow that owns it. The value is passed as-is; flows re-check it against the database.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { interactionDeliveryId } from '../dedupe.js';
import { publishHome } from '../home.js';
import { slackUser } from '../identity.js';
import { createInteraction, REPLAY_ACTION, type Replay, type Source } from '../interaction.js';
import { actionIdOf, LINK_ACTION_PREFIX, renderMessage } from '../render/blocks.js';

function sourceOf(body: BlockAction): Source | undefined {
  const c = body.container as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean } | undefined;
  if (c?.type === 'message' && c.channel_id && c.message_ts) return { kind: 'message', channel: c.channel_id, ts: c.message_ts, ephemeral: !!c.is_ephemeral };
  if (c?.type === 'view') return body.view?.type === 'home' ? { kind: 'home' } : { kind: 'modal' };
  return undefined;
}

function parseReplay(value: string | undefined): Replay | null {
  try {
    const r = JSON.parse(value ?? '') as Partial<Replay>;
    if (r.k === 'c' && typeof r.t === 'string') return { k: 'c', t: r.t };
    if (r.k === 'a' && typeof r.a === 'string') return { k: 'a', a: r.a, ...(typeof r.v === 'string' ? { v: r.v } : {}) };
  } catch {
    // not ours
  }
  return null;
}

export function register(app: App, deps: SlackDeps): void {
  app.action(/.*/, async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const b = body as BlockAction;
    const a = action as ButtonAction;
    // Link buttons open a URL in the browser; Slack still reports the click.
    if (a.action_id.startsWith(LINK_ACTION_PREFIX)) return;
    const { runtime } = deps;
    const teamId = b.team?.id ?? b.user.team_id ?? '';
    const userId = b.user.id;
    const source = sourceOf(b);
    const place = source?.kind === 'message' ? source.ts : (b.view?.id ?? '');
    const who = await runtime.inbound.receive({
      ...slackUser(deps.client, teamId, userId),
      deliveryId: interactionDeliveryId('action', b, b),
      click: `${place}:${a.action_id}:${a.value ?? ''}`,
    });
    if (who.kind === 'repeat') return;
    if (who.kind === 'stranger') {
      if (source?.kind === 'home') await publishHome(deps, teamId, userId, null);
      else for (const p of renderMessage(who.answer(who.locale))) await respond({ response_type: 'ephemeral', replace_original: false, text: p.text, blocks: p.blocks });
      return;
    }
    const actor = who.actor;
    const actionId = actionIdOf(a.action_id);
    const replay = actionId === REPLAY_ACTION ? parseReplay(a.value) : null;
    const ix = createInteraction(deps, actor, {
      teamId,
      userId,
      triggerId: b.trigger_id,
      respond: source?.kind === 'home' ? undefined : respond,
      source,
      replay: replay ?? { k: 'a', a: actionId, ...(a.value !== undefined ? { v: a.value } : {}) },
    });
    if (replay?.k === 'c') await runtime.dispatcher.command(actor, replay.t, ix);
    else if (replay?.k === 'a') await runtime.dispatcher.action({ actor, actionId: replay.a, value: replay.v }, ix);
    else await runtime.dispatcher.action({ actor, actionId, value: a.value }, ix);
    // Whatever the click changed (a slot claimed, a reflection answered) shows on Home at once.
    if (source?.kind === 'home') await publishHome(deps, teamId, userId, actor);
  });
}
