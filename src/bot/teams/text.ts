// What someone typed in Teams, as they typed it. Teams puts <at>…</at> around mentions in a message's
// text; a message that came as markup (textFormat "xml", or with a text/html rendering attached, as
// the Teams clients send it) may also carry formatting tags and HTML entities. Only those are taken
// out: a teacher's answer "a < b > c", "<3" or "2 > 1" reaches the flow whole. Entities are decoded
// by the `entities` library (the one botbuilder's own HTML parser uses).
import { decodeHTML } from 'entities';

/** The parts of an activity the text is read from. */
export interface TypedActivity {
  text?: string;
  textFormat?: string;
  attachments?: { contentType?: string }[];
  entities?: { type?: string; text?: string; mentioned?: { id?: string } }[];
  /** The bot: mentions of it address it and are dropped. */
  recipient?: { id?: string; name?: string };
}

/** The typed text: mentions of the addressed bot dropped, other mentions as the name, markup undone. */
export function typedText(activity: TypedActivity): string {
  const markup = isMarkup(activity);
  const bot = botMentions(activity);
  // "@Sparring mine" addresses the bot: the mention is not part of the text (teams-ai drops the first
  // one already). Any other mention ("<at>Søren</at> spurgte godt ind") is the person's name. The
  // non-breaking space Teams puts after a mention is a plain space.
  let text = (activity.text ?? '').replace(MENTION, (tag: string, name: string, after: string) => {
    const isBot = bot.tags.has(tag.slice(0, tag.length - after.length).toLowerCase()) || (bot.name !== '' && name.trim().toLowerCase() === bot.name);
    return isBot ? ' ' : `${name}${after.replace(/&nbsp;|\u00a0/g, ' ')}`;
  });
  if (!markup) return text.trim();
  text = text
    .replace(LINE_BREAK, '\n')
    .replace(BLOCK_END, '\n')
    .replace(IMAGE, (tag: string) => ALT.exec(tag)?.[1] ?? ALT_SINGLE.exec(tag)?.[1] ?? '')
    .replace(FORMATTING_TAG, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isMarkup(a: TypedActivity): boolean {
  const format = (a.textFormat ?? '').toLowerCase();
  if (format === 'xml' || format === 'html') return true;
  return (a.attachments ?? []).some((x) => (x?.contentType ?? '').toLowerCase() === 'text/html');
}

/** The mention tags that name the bot (from the activity's mention entities), and its name. */
function botMentions(a: TypedActivity): { tags: Set<string>; name: string } {
  const id = a.recipient?.id;
  const tags = new Set<string>();
  for (const e of a.entities ?? []) {
    if (e?.type === 'mention' && id && e.mentioned?.id === id && typeof e.text === 'string') tags.add(e.text.toLowerCase());
  }
  return { tags, name: (a.recipient?.name ?? '').trim().toLowerCase() };
}

const MENTION = /<at(?:\s[^<>]*)?>([^<]*)<\/at>((?:\s|&nbsp;|\u00a0)*)/gi;
const LINE_BREAK = /<br\s*\/?>/gi;
const BLOCK_END = /<\/(?:p|div|li|h[1-6]|blockquote|pre|tr)\s*>/gi;
const IMAGE = /<(?:img|emoji)\b[^<>]*>/gi;
const ALT = /\balt\s*=\s*"([^"]*)"/i;
const ALT_SINGLE = /\balt\s*=\s*'([^']*)'/i;
/**
 * The formatting a Teams message's markup is made of. A tag name must follow "<" directly and be one
 * of these, so "a < b > c", "<3" and "x<y" are never taken for markup.
 */
const FORMATTING_TAG =
  /<\/?(?:p|div|span|b|strong|i|em|u|s|strike|del|ins|code|pre|blockquote|ul|ol|li|a|font|sub|sup|small|big|mark|h[1-6]|hr|table|thead|tbody|tr|td|th|at|systemLM|attachment)(?:\s[^<>]*)?\/?>/gi;

/** HTML entities (&lt; &amp; &nbsp; numeric …) decoded by the `entities` library, in one pass ("&amp;lt;" is "&lt;"). */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
