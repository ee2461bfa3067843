// Neutral rich text → the Markdown subset Adaptive Card TextBlocks and FactSets understand in Teams.
// Every span is escaped, so text a user typed can never become a link with a fake label, a list,
// a heading or emphasis. Mentions need msteams.entities, which we never send, so "<at>" stays text.
import { truncate, type RichText, type Span } from '../../../core/i18n/text.js';

/**
 * Characters that start emphasis, links, code or HTML; escaped with a backslash (CommonMark). Kept
 * small on purpose: every escape is a visible backslash on a client that ignores escapes.
 */
const SPECIAL = /[\\`*_[\]<>]/g;

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(SPECIAL, (c) => `\\${c}`)
      // A line starting "- ", "+ ", "# " or "1. " would become a list item or a heading.
      .replace(/^(\s*)([-+#])/gm, '$1\\$2')
      .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2')
  );
}

function emphasise(text: string, marker: string): string {
  const core = text.trim();
  if (core === '') return escapeMarkdown(text);
  const start = text.indexOf(core);
  // Markers only work when they hug the words: keep surrounding spaces outside.
  return `${escapeMarkdown(text.slice(0, start))}${marker}${escapeMarkdown(core)}${marker}${escapeMarkdown(text.slice(start + core.length))}`;
}

export function spanToMarkdown(s: Span): string {
  if (s.bold && s.italic) return emphasise(s.text, '***');
  if (s.bold) return emphasise(s.text, '**');
  if (s.italic) return emphasise(s.text, '_');
  return escapeMarkdown(s.text);
}

/** Splits rich text at line breaks: each line becomes its own TextBlock (Teams is unreliable with "\n"). */
export function splitLines(text: RichText): RichText[] {
  const lines: RichText[] = [[]];
  for (const span of text) {
    const parts = span.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ ...span, text: part });
    });
  }
  return lines;
}

export function toMarkdown(text: RichText): string {
  return text.map(spanToMarkdown).join('');
}

/** Cuts rich text to about `max` characters of content, keeping span boundaries and emphasis. */
export function truncateRich(text: RichText, max: number): RichText {
  const out: Span[] = [];
  let left = max;
  for (const s of text) {
    if (left <= 0) break;
    if (s.text.length <= left) {
      out.push(s);
      left -= s.text.length;
    } else {
      out.push({ ...s, text: truncate(s.text, left) });
      left = 0;
    }
  }
  return out;
}
