// Rich text in a platform-neutral form: a list of spans with light emphasis. Renderers escape every
// span for their platform (mrkdwn, Adaptive Card markdown, HTML), so text a user typed can never turn
// into a mention, a link or markup — whatever it contains.
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export type RichText = Span[];

export const plain = (text: string): RichText => [{ text }];
export const bold = (text: string): RichText => [{ text, bold: true }];
export const italic = (text: string): RichText => [{ text, italic: true }];

/** Joins rich texts (and plain strings) into one. */
export function rich(...parts: (RichText | string)[]): RichText {
  return parts.flatMap((p) => (typeof p === 'string' ? (p === '' ? [] : [{ text: p }]) : p));
}

/** The text without emphasis: for notifications, fallbacks, logs and tests. */
export function toPlain(text: RichText | string): string {
  return typeof text === 'string' ? text : text.map((s) => s.text).join('');
}

/** Cuts plain text to `max` characters with an ellipsis (platform limits on labels, titles, fields). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  // Never split an emoji or other surrogate pair: half of one renders as garbage.
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
