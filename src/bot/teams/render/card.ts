// Neutral Message → Adaptive Card 1.5 for Teams. Buttons become Action.Execute (Universal Actions:
// verb = action id, data = { value }) with an Action.Submit fallback for clients without them.
// Teams refuses activities over ~28 KB: cards are split (new messages) or shortened (updates),
// never rejected.
import type { Locale } from '../../../core/i18n/catalogue.js';
import type { RichText } from '../../../core/i18n/text.js';
import type { Block, Button, Message } from '../../../core/messages.js';
import { teamsTexts } from '../texts.js';
import { truncate } from '../../../core/i18n/text.js';
import { escapeMarkdown, splitLines, toMarkdown, truncateRich } from './markdown.js';

export type CardElement = { type: string; [key: string]: unknown };
export type CardAction = { type: string; [key: string]: unknown };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
}

/** Teams' limit for a whole activity. */
export const TEAMS_ACTIVITY_MAX_BYTES = 28 * 1024;
/** What a card may use, leaving room for the activity envelope (ids, conversation, summary). */
export const CARD_BUDGET_BYTES = 25 * 1024;

/** Data key of the fallback Action.Submit: Teams sends it back as a message whose value holds it. */
export const SUBMIT_VERB_KEY = 'sparring.verb';

const LINE_MAX = 2000;
const LABEL_MAX = 100;
const FACTS_PER_SET = 10;
const BUTTONS_PER_SET = 5;

export function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export function emptyCard(body: CardElement[] = [], actions?: CardAction[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function textBlock(markdown: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...extra };
}

/** Rich text → one TextBlock per line (long lines cut into several), escaped. */
export function richBlocks(text: RichText, extra: Record<string, unknown> = {}): CardElement[] {
  const out: CardElement[] = [];
  for (const line of splitLines(text)) {
    let rest = line;
    while (rest.length > 0) {
      const [head, tail] = splitAt(rest, LINE_MAX);
      out.push(textBlock(toMarkdown(head), { ...extra, ...(out.length > 0 ? { spacing: 'None' } : {}) }));
      rest = tail;
    }
  }
  return out;
}

/** The first `n` characters of rich text and the rest, keeping each span's emphasis. */
function splitAt(text: RichText, n: number): [RichText, RichText] {
  const head: RichText = [];
  const tail: RichText = [];
  let left = n;
  for (const s of text) {
    if (left >= s.text.length) {
      head.push(s);
      left -= s.text.length;
    } else if (left > 0) {
      head.push({ ...s, text: s.text.slice(0, left) });
      tail.push({ ...s, text: s.text.slice(left) });
      left = 0;
    } else tail.push(s);
  }
  return [head, tail];
}

export function buttonAction(b: Button): CardAction {
  const title = truncate(b.label, LABEL_MAX);
  if (b.url) return { type: 'Action.OpenUrl', title, url: b.url };
  const data = b.value !== undefined ? { value: b.value } : {};
  const execute: CardAction = {
    type: 'Action.Execute',
    title,
    verb: b.actionId,
    data,
    ...(b.style ? { style: b.style === 'primary' ? 'positive' : 'destructive' } : {}),
    // Clients without Universal Actions send an ordinary message with this data instead.
    fallback: { type: 'Action.Submit', title, data: { ...data, [SUBMIT_VERB_KEY]: b.actionId } },
  };
  if (!b.confirm) return execute;
  // Adaptive Cards have no confirm dialog: the button opens an inline card that asks first.
  return {
    type: 'Action.ShowCard',
    title,
    card: {
      type: 'AdaptiveCard',
      body: [textBlock(escapeMarkdown(b.confirm.title), { weight: 'Bolder' }), textBlock(escapeMarkdown(b.confirm.text))],
      actions: [{ ...execute, title: truncate(b.confirm.confirm, LABEL_MAX) }],
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One neutral block → card elements. */
export function blockElements(block: Block): CardElement[] {
  switch (block.type) {
    case 'header':
      return [textBlock(escapeMarkdown(truncate(block.text, 500)), { size: 'Medium', weight: 'Bolder', style: 'heading' })];
    case 'text':
      return richBlocks(block.text);
    case 'context':
      return richBlocks(block.text, { isSubtle: true, size: 'Small' });
    case 'fields':
      return chunk(block.fields, FACTS_PER_SET).map((facts) => ({
        type: 'FactSet',
        facts: facts.map((f) => ({ title: escapeMarkdown(truncate(f.label, LABEL_MAX)), value: toMarkdown(truncateRich(f.value, LINE_MAX)) })),
      }));
    case 'actions':
      return chunk(block.buttons, BUTTONS_PER_SET).map((buttons) => ({ type: 'ActionSet', actions: buttons.map(buttonAction) }));
    case 'divider':
      return [];
    case 'image':
      // A data URI: the chart is sized (≈ 16 kB) to fit a card of its own under the 28 kB limit.
      return [{ type: 'Image', url: `data:image/png;base64,${block.pngBase64}`, altText: truncate(block.alt, LINE_MAX), size: 'Stretch' }];
  }
}

/** All elements of a message, in order; a divider puts a separator line above what follows. */
export function messageElements(message: Message): CardElement[] {
  const out: CardElement[] = [];
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separate = out.length > 0;
      continue;
    }
    const els = blockElements(block);
    if (separate && els[0]) els[0] = { ...els[0], separator: true, spacing: 'Medium' };
    if (els.length) separate = false;
    out.push(...els);
  }
  if (out.length === 0) out.push(textBlock(escapeMarkdown(truncate(message.summary || ' ', LINE_MAX))));
  return out;
}

/** Cuts one element until it fits the budget on its own (only text can be long enough to matter). */
function shrinkElement(el: CardElement, budget: number): CardElement {
  let current = el;
  while (bytesOf(emptyCard([current])) > budget) {
    if (current.type === 'TextBlock' && typeof current.text === 'string' && current.text.length > 1) {
      current = { ...current, text: `${current.text.slice(0, Math.floor(current.text.length * 0.75)).replace(/\\$/, '')}…` };
    } else if (current.type === 'FactSet' && Array.isArray(current.facts) && current.facts.length > 1) {
      current = { ...current, facts: current.facts.slice(0, -1) };
    } else if (current.type === 'FactSet' && Array.isArray(current.facts) && current.facts.length === 1) {
      const f = current.facts[0] as { title: string; value: string };
      current = { ...current, facts: [{ title: f.title, value: `${f.value.slice(0, Math.floor(f.value.length * 0.75)).replace(/\\$/, '')}…` }] };
    } else if (current.type === 'ActionSet' && Array.isArray(current.actions) && current.actions.length > 1) {
      current = { ...current, actions: current.actions.slice(0, -1) };
    } else if (current.type === 'Image' && typeof current.altText === 'string') {
      return textBlock(escapeMarkdown(current.altText)); // too large for a card: its text alternative
    } else {
      return textBlock('…');
    }
  }
  return current;
}

/** Packs elements into as few cards as fit the budget; a continuation card says so. */
export function packCards(elements: CardElement[], locale: Locale, budget = CARD_BUDGET_BYTES): AdaptiveCard[] {
  const cards: AdaptiveCard[] = [];
  let current = emptyCard();
  for (const raw of elements) {
    const el = shrinkElement(raw, budget - 512);
    if (bytesOf({ ...current, body: [...current.body, el] }) > budget && current.body.length > 0) {
      cards.push(current);
      current = emptyCard([textBlock(escapeMarkdown(teamsTexts.plain(locale, 'continued')), { isSubtle: true, size: 'Small' })]);
    }
    current.body.push(el);
  }
  cards.push(current);
  return cards;
}

/** Every card a new message needs (usually one). */
export function renderMessageCards(message: Message, locale: Locale, budget = CARD_BUDGET_BYTES): AdaptiveCard[] {
  return packCards(messageElements(message), locale, budget);
}

/**
 * Exactly one card, for updates and invoke responses where a second message is impossible: buttons
 * are kept, other content is cut from the end with a note saying so.
 */
export function renderMessageCard(message: Message, locale: Locale, budget = CARD_BUDGET_BYTES): AdaptiveCard {
  const elements = messageElements(message).map((el) => shrinkElement(el, budget - 1024));
  const whole = emptyCard(elements);
  if (bytesOf(whole) <= budget) return whole;
  const note = textBlock(escapeMarkdown(teamsTexts.plain(locale, 'truncated')), { isSubtle: true, size: 'Small' });
  const actionSets = elements.filter((e) => e.type === 'ActionSet');
  const kept: CardElement[] = [];
  for (const el of elements) {
    if (el.type === 'ActionSet') continue;
    if (bytesOf(emptyCard([...kept, el, note, ...actionSets])) > budget) break;
    kept.push(el);
  }
  let card = emptyCard([...kept, note, ...actionSets]);
  // Pathological: the buttons alone are too big. Drop buttons from the end until it fits.
  while (bytesOf(card) > budget && card.body.length > 1) card = emptyCard(card.body.slice(0, -1));
  return card;
}

/** The activity Teams shows: the card plus a plain summary for notifications and old clients. */
export function cardActivity(card: AdaptiveCard, summary: string): { type: 'message'; summary: string; attachments: { contentType: string; content: AdaptiveCard }[] } {
  return {
    type: 'message',
    summary: truncate(summary, 200),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}
