// Teams activities → the runtime's neutral events, and nothing more: typed commands, card actions
// (Action.Execute invokes, and Action.Submit messages from clients without Universal Actions),
// installs. Business rules live in the flows; this file only translates and keeps references fresh.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { AdapterContext } from '../../core/adapter.js';
import { answerableInChannel } from '../../core/commands.js';
import type { CommandEvent } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { MessageBuilder } from '../../core/messages.js';
import type { TeamsDriver, TeamsEndpoints } from './driver.js';
import { teamsUser } from './identity.js';
import { noticeCard, TeamsInteraction, type AnswerRoute } from './interaction.js';
import { channelRoot, conversationType, referenceOf, tenantOf } from './refs.js';
import { cardActivity, renderMessageCard, renderMessageCards, SUBMIT_VERB_KEY, type AdaptiveCard } from './render/card.js';
import { closedFormCard, FORM_CANCEL_VERB, formTitleOf, readFormData, renderFormCard } from './render/form.js';
import { typedText } from './text.js';
import { teamsTexts } from './texts.js';

export interface ListenerDeps {
  runtime: AdapterContext;
  driver: TeamsDriver;
  endpoints: TeamsEndpoints;
}

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

type Data = Record<string, unknown>;

export function registerListeners(app: Application, deps: ListenerDeps): void {
  const { runtime, endpoints } = deps;

  app.turn('beforeTurn', async (context) => {
    const a = context.activity;
    endpoints.learn(tenantOf(a), a.serviceUrl, a.recipient);
    return true;
  });

  // Universal Actions: the answer (an updated card) goes back in the invoke response.
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === ADAPTIVE_CARD_ACTION,
    async (context) => {
      const action = (context.activity.value as { action?: { type?: string; verb?: unknown; data?: unknown } } | undefined)?.action;
      if (action?.type !== 'Action.Execute' || typeof action.verb !== 'string') {
        await invokeResponse(context, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'expected Action.Execute with a verb' } });
        return;
      }
      const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Data;
      const outcome = await onCardAction(deps, context, action.verb, data);
      if (outcome.card) await invokeResponse(context, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card });
      else await invokeResponse(context, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.note });
    },
    true,
  );

  // Clients without Universal Actions send Action.Submit data as a message with a value and no text.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Message && !context.activity.text && typeof (context.activity.value as Data | undefined)?.[SUBMIT_VERB_KEY] === 'string',
    async (context) => {
      const data = context.activity.value as Data;
      await onCardAction(deps, context, data[SUBMIT_VERB_KEY] as string, data);
    },
  );

  app.activity(ActivityTypes.Message, async (context) => onMessage(deps, context));

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const a = context.activity;
    if (a.action !== 'add' && a.action !== 'add-upgrade') return;
    const type = conversationType(a);
    if (type === 'personal') {
      const actor = await runtime.inbound.identify(teamsUser(context));
      // A first install gets the help text; an upgrade stays quiet.
      if (actor && a.action === 'add') await sendHere(context, renderMessageCards(runtime.dispatcher.help()(actor.locale), actor.locale));
      return;
    }
    if (type === 'channel' && a.action === 'add') {
      const locale = runtime.config.locale;
      await context.sendActivity(cardActivity(noticeCard(teamsTexts.plain(locale, 'teamWelcome')), teamsTexts.plain(locale, 'teamWelcome')));
    }
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const a = context.activity;
    const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
    if (!botAdded) return;
    if (conversationType(a) === 'personal') await runtime.inbound.identify(teamsUser(context));
    else await refreshLinkedChannel(runtime, context);
  });
}

async function invokeResponse(context: TurnContext, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

async function sendHere(context: TurnContext, cards: AdaptiveCard[], summary = ''): Promise<void> {
  for (const card of cards) await context.sendActivity(cardActivity(card, summary));
}

/** What was typed, as typed: without "@Sparring" and Teams' markup (text.ts). */
export function commandText(context: TurnContext): string {
  return typedText(context.activity);
}

function strangerCard(answer: MessageBuilder, locale: Locale): { summary: string; card: AdaptiveCard } {
  const message = answer(locale);
  return { summary: message.summary, card: renderMessageCard(message, locale) };
}

async function onMessage(deps: ListenerDeps, context: TurnContext): Promise<void> {
  const { runtime } = deps;
  const a = context.activity;
  const type = conversationType(a);
  if (type === 'channel') await refreshLinkedChannel(runtime, context);
  const user = teamsUser(context);
  // Teams redelivers a message it thinks we missed; the second copy must not act twice.
  const who = await runtime.inbound.receive({ ...user, ...(a.id ? { deliveryId: `message:${a.conversation?.id ?? ''}:${a.id}` } : {}) });
  if (who.kind === 'repeat') return;
  if (who.kind === 'stranger') {
    const { summary, card } = strangerCard(who.answer, who.locale);
    await context.sendActivity(cardActivity(card, summary));
    return;
  }
  const text = commandText(context);
  const route: AnswerRoute = type === 'personal' || answerableInChannel(text) ? 'here' : 'private';
  const ix = new TeamsInteraction(context, who.actor, route, false, { runtime, driver: deps.driver, tenantId: user.tenantId });
  let channel: CommandEvent['channel'];
  if (type === 'channel') {
    const ref = referenceOf(a, { channelRoot: true });
    channel = { platform: 'teams', tenantId: user.tenantId, channelId: ref.conversation.id, conversationRef: JSON.stringify(ref) };
  }
  await runtime.dispatcher.command(who.actor, text, ix, channel);
}

interface CardActionOutcome {
  card: AdaptiveCard | null;
  note: string;
}

/** A click on a card button or a form's submit/cancel, from either kind of client. */
async function onCardAction(deps: ListenerDeps, context: TurnContext, verb: string, data: Data): Promise<CardActionOutcome> {
  const { runtime, driver } = deps;
  const a = context.activity;
  const user = teamsUser(context);
  // Teams' retries of the same activity, and double clicks (same person, card, button and data; new
  // activity ids): one effect.
  const who = await runtime.inbound.receive({ ...user, ...(a.id ? { deliveryId: `${a.type}:${a.id}` } : {}), click: JSON.stringify([a.from?.id ?? '', a.replyToId ?? '', verb, data]) });
  if (who.kind === 'stranger') {
    const { summary, card } = strangerCard(who.answer, who.locale);
    // An invoke can only carry the answer back to the card; a message client gets a message.
    if (a.type !== ActivityTypes.Invoke) await context.sendActivity(cardActivity(card, summary));
    return { card: null, note: summary };
  }
  if (who.kind === 'repeat') return { card: null, note: teamsTexts.plain(runtime.config.locale, 'alreadyReceived') };
  const actor = who.actor;
  const locale = actor.locale;
  const route: AnswerRoute = conversationType(a) === 'personal' ? 'here' : 'private';
  const ix = new TeamsInteraction(context, actor, route, true, { runtime, driver, tenantId: user.tenantId });

  let card: AdaptiveCard | null = null;
  let shareWithAll = true;
  const form = readFormData(verb, data);
  if (verb === FORM_CANCEL_VERB) {
    card = closedFormCard(form?.form?.title ?? formTitleOf(data), teamsTexts.plain(locale, 'formClosed'));
  } else if (form) {
    const result = await runtime.dispatcher.submit({ actor, formId: form.formId, values: form.values, privateValue: form.privateValue }, ix);
    if (!result.ok) {
      shareWithAll = false;
      card = rerenderWithErrors(deps, form, result.errors, locale);
      if (!card) {
        // The card did not carry its form (too big): list the problems; the card keeps what was typed.
        const note = teamsTexts.plain(locale, 'formNotSaved', { errors: Object.values(result.errors).join(' ') });
        if (a.type !== ActivityTypes.Invoke) await context.sendActivity(cardActivity(noticeCard(note), note));
        return { card: null, note };
      }
    } else {
      // A card too big to carry its fields still carries the form's title (render/form.ts).
      const title = form.form?.title ?? formTitleOf(data);
      const closedOnly = result.saved === false; // closed without saving: never "sent"
      card = ix.updated
        ? renderMessageCard(ix.updated, locale)
        : closedFormCard(title, closedOnly ? teamsTexts.plain(locale, 'formClosed') : title ? teamsTexts.plain(locale, 'formSent', { title }) : teamsTexts.plain(locale, 'received'));
    }
  } else {
    await runtime.dispatcher.action({ actor, actionId: verb, value: typeof data.value === 'string' ? data.value : undefined }, ix);
    if (ix.updated) card = renderMessageCard(ix.updated, locale);
  }

  // The invoke response only changes the card for the person who clicked; updating the activity
  // changes it for everyone in the conversation (a claimed slot shows as claimed to all agents).
  if (card && (shareWithAll || a.type !== ActivityTypes.Invoke) && a.replyToId) {
    await driver.updateCard(referenceOf(a, { channelRoot: conversationType(a) === 'channel' }), a.replyToId, card, '').catch((err: unknown) => runtime.logger.warn({ err }, 'could not update the Teams card for everyone'));
  }
  return { card, note: teamsTexts.plain(locale, 'received') };
}

function rerenderWithErrors(deps: ListenerDeps, form: NonNullable<ReturnType<typeof readFormData>>, errors: Record<string, string>, locale: Locale): AdaptiveCard | null {
  if (!form.form) return null;
  try {
    return renderFormCard(form.form, locale, { values: form.values, errors });
  } catch (err) {
    // The form copy came from the client; if it cannot be drawn, fall back to listing the errors.
    deps.runtime.logger.warn({ err }, 'could not redraw a Teams form');
    return null;
  }
}

/** A linked channel's stored reference follows the latest activity (service URL moves, renames). */
async function refreshLinkedChannel(runtime: AdapterContext, context: TurnContext): Promise<void> {
  const a = context.activity;
  const ref = referenceOf(a, { channelRoot: true });
  const channelId = ref.conversation.id ?? channelRoot(a.conversation?.id ?? '');
  if (!channelId) return;
  await runtime.directory.refreshChannelReference('teams', channelId, JSON.stringify(ref));
}
