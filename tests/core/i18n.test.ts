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
