/// <reference types="vite/client" />
// Every catalogue has the same keys and placeholders in Danish and English; templates render safely.
import { describe, expect, it } from 'vitest';
import { placeholdersOf, registeredTexts, renderTemplate } from '../../src/core/i18n/catalogue.js';

describe('message catalogues', () => {
  it('have every key and placeholder in both Danish and English', async () => {
    // By convention every catalogue lives in a file named texts.ts; importing them registers them.
    import.meta.glob('../../src/**/texts.ts', { eager: true });
    const all = registeredTexts();
    expect(all.map((t) => t.namespace)).toEqual(expect.arrayContaining(['core', 'playground']));
    for (const texts of all) {
      expect(Object.keys(texts.en).sort(), `${texts.namespace}: English keys`).toEqual(Object.keys(texts.da).sort());
      for (const key of Object.keys(texts.da)) {
        const da = texts.da[key]!;
        const en = texts.en[key]!;
        expect(en.trim(), `${texts.namespace}.${key} (en) is empty`).not.toBe('');
        expect(placeholdersOf(en), `${texts.namespace}.${key}: placeholders`).toEqual(placeholdersOf(da));
      }
    }
  });

  it('inserts parameters as literal text that can never open emphasis', () => {
    expect(renderTemplate('*{name}* har tilbudt en lektion', { name: '*Anna_B*' })).toEqual([
      { text: '*Anna_B*', bold: true },
      { text: ' har tilbudt en lektion' },
    ]);
  });
});

describe('plural words in templates', () => {
  it('{count:one|other} picks by the language’s plural rule, inside emphasis too, and never from a value', () => {
    const plain = (t: string, p: Record<string, string | number>, l: 'da' | 'en' = 'da') => renderTemplate(t, p, l).map((s) => s.text).join('');
    expect(plain('*{count}* {count:besked|beskeder} kom ikke frem', { count: 1 })).toBe('1 besked kom ikke frem');
    expect(plain('*{count}* {count:besked|beskeder} kom ikke frem', { count: 0 })).toBe('0 beskeder kom ikke frem');
    expect(plain('{n} *{n:refleksion|refleksioner}*', { n: 3 })).toBe('3 refleksioner');
    expect(renderTemplate('{n} *{n:refleksion|refleksioner}*', { n: 3 }).find((s) => s.bold)?.text).toBe('refleksioner');
    expect(plain('{count} {count:person|people}', { count: 1 }, 'en')).toBe('1 person');
    expect(plain('{count} {count:person|people}', { count: 2 }, 'en')).toBe('2 people');
    // A value that looks like a plural token is inserted as it is.
    expect(plain('{name}: {count} {count:svar|svar}', { name: '{count:a|b}', count: 2 })).toBe('{count:a|b}: 2 svar');
  });

  it('no catalogue writes "(er)", "(e)" or "(s)" for a plural any more', () => {
    for (const texts of registeredTexts()) {
      for (const [key, template] of [...Object.entries(texts.da), ...Object.entries(texts.en)]) {
        expect(template, `${texts.namespace}.${key}`).not.toMatch(/\w\((?:er|e|s|r|ne)\)/);
      }
    }
  });
});
