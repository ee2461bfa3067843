// Neutral Message → Block Kit. Slack's limits are met by splitting or truncating, never by failing:
// 50 blocks per message (100 in modals and App Home), 3000 characters per section text, 10 fields
// per section, 25 elements per actions block, 75 characters per button label, 150 per header.
import type { types } from '@slack/bolt';
import { toPlain } from '../../../core/i18n/text.js';
import type { Block, Button, Message } from '../../../core/messages.js';
import { truncate } from '../../../core/i18n/text.js';
import { escapeMrkdwn, toMrkdwn, toMrkdwnChunks } from './mrkdwn.js';

export type SlackBlock = types.KnownBlock;

export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  elementsPerActions: 25,
  buttonLabel: 75,
  buttonValue: 2000,
  actionId: 255,
  header: 150,
  notificationText: 3000,
} as const;

/** Link buttons also send block_actions; this prefix tells the action listener to ignore them. */
export const LINK_ACTION_PREFIX = 'link:';

/**
 * Slack rejects a message with two equal action_ids, while flows may list several "claim" buttons.
 * Repeats get a "#n" suffix here and lose it again in actionIdOf().
 */
class ActionIds {
  private readonly seen = new Map<string, number>();
  next(id: string): string {
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    return truncate(n === 1 ? id : `${id}#${n}`, LIMITS.actionId);
  }
}

export function actionIdOf(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '');
}

function button(b: Button, ids: ActionIds, index: number): types.Button {
  const out: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(b.label || '…', LIMITS.buttonLabel), emoji: true },
    action_id: ids.next(b.url ? `${LINK_ACTION_PREFIX}${index}` : b.actionId),
  };
  if (b.url) out.url = b.url.slice(0, 3000);
  // A value that does not fit is a flow bug; cutting it would silently change its meaning, so drop it.
  if (b.value !== undefined && b.value.length <= LIMITS.buttonValue) out.value = b.value;
  if (b.style) out.style = b.style;
  if (b.confirm) {
    out.confirm = {
      title: { type: 'plain_text', text: truncate(b.confirm.title, 100) },
      text: { type: 'plain_text', text: truncate(b.confirm.text, 300) },
      confirm: { type: 'plain_text', text: truncate(b.confirm.confirm, 30) },
      deny: { type: 'plain_text', text: truncate(b.confirm.deny, 30) },
    };
  }
  return out;
}

/**
 * A mrkdwn text object with `verbatim: true`: Slack then does not turn bare URLs, #channel names or
 * "@channel"/"@here" typed by a user into links or pings. We never rely on that parsing ourselves.
 */
function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

function renderBlock(b: Block, ids: ActionIds): SlackBlock[] {
  switch (b.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(b.text || '…', LIMITS.header), emoji: true } }];
    case 'text':
      return toMrkdwnChunks(b.text, LIMITS.sectionText)
        .filter((t) => t.trim() !== '')
        .map((t) => ({ type: 'section', text: mrkdwn(t) }));
    case 'context':
      return toMrkdwnChunks(b.text, LIMITS.sectionText)
        .filter((t) => t.trim() !== '')
        .map((t) => ({ type: 'context', elements: [mrkdwn(t)] }));
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < b.fields.length; i += LIMITS.fieldsPerSection) {
        out.push({
          type: 'section',
          fields: b.fields.slice(i, i + LIMITS.fieldsPerSection).map((f) =>
            mrkdwn(truncate(`*${escapeMrkdwn(f.label.trim() || '…').replace(/\*/g, '∗')}*\n${toMrkdwn(f.value)}`, LIMITS.fieldText)),
          ),
        });
      }
      return out;
    }
    case 'actions': {
      const out: SlackBlock[] = [];
      const buttons = b.buttons.map((x, i) => button(x, ids, i));
      for (let i = 0; i < buttons.length; i += LIMITS.elementsPerActions) {
        out.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.elementsPerActions) });
      }
      return out;
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'image':
      // Block Kit cannot carry bytes: the driver uploads the picture with files.uploadV2 after the text.
      return [];
  }
}

export function renderBlocks(blocks: Block[]): SlackBlock[] {
  const ids = new ActionIds();
  return blocks.flatMap((b) => renderBlock(b, ids));
}

/** The notification/fallback text: escaped, because Slack parses `text` as mrkdwn too. */
export function notificationText(m: Message): string {
  return truncate(escapeMrkdwn(m.summary || firstText(m) || '…'), LIMITS.notificationText);
}

function firstText(m: Message): string {
  for (const b of m.blocks) {
    if (b.type === 'header') return b.text;
    if (b.type === 'text') return toPlain(b.text);
  }
  return '';
}

export interface RenderedMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * A message as one or more Slack messages of at most 50 blocks each. Senders post the parts in order;
 * updates (which replace exactly one message) use only the first part, cut to fit.
 */
export function renderMessage(m: Message): RenderedMessage[] {
  const text = notificationText(m);
  const blocks = renderBlocks(m.blocks);
  if (blocks.length <= LIMITS.messageBlocks) return [{ text, blocks }];
  const parts: RenderedMessage[] = [];
  for (let i = 0; i < blocks.length; i += LIMITS.messageBlocks) parts.push({ text, blocks: blocks.slice(i, i + LIMITS.messageBlocks) });
  return parts;
}

/** A single message (for chat.update and ephemeral replacements): cut to 50 blocks. */
export function renderSingleMessage(m: Message): RenderedMessage {
  const { text, blocks } = renderMessage(m)[0]!;
  return { text, blocks: fitBlocks(blocks, LIMITS.messageBlocks) };
}

/** Keeps at most `max` blocks; the last one says that something was left out. */
export function fitBlocks(blocks: SlackBlock[], max: number): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), { type: 'context', elements: [mrkdwn('…')] }];
}
