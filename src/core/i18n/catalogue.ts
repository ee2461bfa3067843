// Message catalogues. Every user-facing text exists in Danish (default) and English. Each flow owns
// its catalogue (defineTexts), so flows can be written side by side; the English half is typed against
// the Danish one, so a missing key fails `tsc`, and tests/core/i18n.test.ts checks that every registered
// catalogue has the same keys and placeholders in both languages.
//
// Template syntax: {name} inserts a parameter as literal text (never parsed as markup); *bold* and
// _italic_ mark emphasis in the template itself; {count:besked|beskeder} picks the word for the
// number in `count` by the language's plural rule (Intl.PluralRules: "one" → the first), so a text
// says "1 besked" and "3 beskeder" rather than "besked(er)".
import type { RichText, Span } from './text.js';

export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => RichText;

export interface Texts<K extends string> {
  namespace: string;
  da: Record<K, string>;
  en: Record<K, string>;
  /** A translator for one locale. */
  for(locale: Locale): Translate<K>;
  /** Shortcut returning plain text, for labels and titles that cannot carry emphasis. */
  plain(locale: Locale, key: K, params?: Params): string;
}

const registry = new Map<string, Texts<string>>();

export function registeredTexts(): Texts<string>[] {
  return [...registry.values()];
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function defineTexts<const D extends Record<string, string>>(
  namespace: string,
  da: D,
  en: Record<keyof D & string, string>,
): Texts<keyof D & string> {
  type K = keyof D & string;
  const lookup = (locale: Locale, key: K): string => {
    const table: Record<string, string> = locale === 'en' ? en : da;
    const template = table[key] ?? da[key];
    // A missing key is a programming error caught by the i18n test; never show a blank to a user.
    return template ?? `${namespace}.${key}`;
  };
  const texts: Texts<K> = {
    namespace,
    da: da as Record<K, string>,
    en,
    for: (locale) => (key, params) => renderTemplate(lookup(locale, key), params, locale),
    plain: (locale, key, params) =>
      renderTemplate(lookup(locale, key), params, locale)
        .map((s) => s.text)
        .join(''),
  };
  registry.set(namespace, texts as unknown as Texts<string>);
  return texts;
}

/** Placeholders used by a template, for the catalogue parity test. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)(?::[^{}|]*\|[^{}]*)?\}/g)].map((m) => m[1]!))].sort();
}

/** {count:one|other}: the word for a number. */
const PLURAL = /\{(\w+):([^{}|]*)\|([^{}]*)\}/g;

export function renderTemplate(template: string, params: Params = {}, locale: Locale = 'da'): RichText {
  // Plural words first: they are the template's own text (may sit inside emphasis), never a value.
  const rules = new Intl.PluralRules(locale);
  template = template.replace(PLURAL, (whole, name: string, one: string, other: string) => {
    const n = Number(params[name]);
    return params[name] === undefined || Number.isNaN(n) ? whole : rules.select(n) === 'one' ? one : other;
  });
  const spans: Span[] = [];
  // Split into emphasis runs first (*…* / _…_), then substitute parameters inside each run, so a
  // parameter's value can never open or close emphasis.
  const re = /\*([^*]+)\*|_([^_]+)_/g;
  let last = 0;
  for (const m of template.matchAll(re)) {
    if (m.index! > last) spans.push(...substitute(template.slice(last, m.index), params, {}));
    if (m[1] !== undefined) spans.push(...substitute(m[1], params, { bold: true }));
    else spans.push(...substitute(m[2]!, params, { italic: true }));
    last = m.index! + m[0].length;
  }
  if (last < template.length) spans.push(...substitute(template.slice(last), params, {}));
  return mergeAdjacent(spans);
}

function substitute(chunk: string, params: Params, style: Omit<Span, 'text'>): Span[] {
  const text = chunk.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
  return text === '' ? [] : [{ text, ...style }];
}

function mergeAdjacent(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && !!prev.bold === !!s.bold && !!prev.italic === !!s.italic) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
