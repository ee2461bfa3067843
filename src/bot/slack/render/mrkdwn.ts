// Neutral rich text → Slack mrkdwn. Every span is escaped (& < >), so text a user typed can never
// become a mention (<!channel>, <@U…>) or a link with a fake label, whatever it contains.
import type { RichText, Span } from '../../../core/i18n/text.js';

/** Slack's three control characters; nothing else needs escaping in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Emphasis markers inside an emphasised span would end it early: swap them for look-alikes. */
function emphasise(text: string, open: string, close: string): string {
  const core = text.trim();
  if (core === '') return escapeMrkdwn(text);
  const start = text.indexOf(core);
  const safe = escapeMrkdwn(core).replace(/\*/g, '∗').replace(/_/g, 'ˍ');
  // Slack only sees emphasis when the markers hug the words, so keep surrounding spaces outside.
  return `${text.slice(0, start)}${open}${safe}${close}${text.slice(start + core.length)}`;
}

export function spanToMrkdwn(s: Span): string {
  if (s.bold && s.italic) return emphasise(s.text, '*_', '_*');
  if (s.bold) return emphasise(s.text, '*', '*');
  if (s.italic) return emphasise(s.text, '_', '_');
  return escapeMrkdwn(s.text);
}

export function toMrkdwn(text: RichText): string {
  return text.map(spanToMrkdwn).join('');
}

/**
 * Renders rich text into mrkdwn chunks of at most `limit` characters, splitting between spans and,
 * for a span that is too long on its own, at a line break or space — never inside an escape or
 * an emphasis pair.
 */
export function toMrkdwnChunks(text: RichText, limit: number): string[] {
  const pieces: string[] = [];
  for (const span of text) {
    const rendered = spanToMrkdwn(span);
    if (rendered.length <= limit) {
      pieces.push(rendered);
      continue;
    }
    // Too long for one chunk: cut the raw text so each rendered part fits (markers + escapes included).
    let rest = span.text;
    while (rest.length > 0) {
      let take = Math.min(rest.length, Math.floor((limit - 6) / 5)); // worst case: every char is "&amp;"
      take = Math.max(take, 1);
      // Grow greedily while the rendered part still fits.
      while (take < rest.length && spanToMrkdwn({ ...span, text: rest.slice(0, take + 256) }).length <= limit) take += 256;
      while (take < rest.length && spanToMrkdwn({ ...span, text: rest.slice(0, take + 1) }).length <= limit) take += 1;
      if (take < rest.length) {
        const cut = Math.max(rest.lastIndexOf('\n', take - 1), rest.lastIndexOf(' ', take - 1));
        if (cut > take / 2) take = cut + 1;
      }
      pieces.push(spanToMrkdwn({ ...span, text: rest.slice(0, take) }));
      rest = rest.slice(take);
    }
  }
  const chunks: string[] = [];
  let current = '';
  for (const p of pieces) {
    if (current.length + p.length > limit && current !== '') {
      chunks.push(current);
      current = '';
    }
    current += p;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

