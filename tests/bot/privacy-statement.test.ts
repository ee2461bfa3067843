// The privacy statement is one text: /privacy renders it (with the configured retention), and
// docs/privacy.md carries the same text (with the default). Changing one without the other fails here.
import express from 'express';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../src/bot/http.js';
import { escapeHtml } from '../../src/bot/local/render.js';
import { fillStatementBlocks } from '../../src/bot/privacy/doc.js';
import { mountPrivacyPages } from '../../src/bot/privacy/index.js';
import { privacyMarkdown, privacyStatement } from '../../src/bot/privacy/statement.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const doc = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');

describe('privacy statement', () => {
  it('docs/privacy.md carries the statement exactly as the page has it (run npx tsx scripts/privacy-doc.ts after changing the texts)', () => {
    expect(doc).toBe(fillStatementBlocks(doc));
    expect(doc).toContain(privacyMarkdown('da', 24));
    expect(doc).toContain(privacyMarkdown('en', 24));
    expect(fillStatementBlocks(doc.replace('kun du kan læse dem', 'ledelsen kan læse dem'))).toBe(doc);
  });

  it('/privacy shows every paragraph in Danish and English, with the configured retention', async () => {
    const app = express();
    mountPrivacyPages(app, 'da', 36);
    server = await listen(app, '127.0.0.1', 0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    for (const [locale, query] of [['da', ''], ['en', '?lang=en']] as const) {
      const html = await (await fetch(`${base}/privacy${query}`)).text();
      const statement = privacyStatement(locale, 36);
      for (const text of [statement.title, ...statement.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs])]) expect(html, text).toContain(escapeHtml(text));
      expect(html).toContain(locale === 'da' ? 'slettes 36 måneder efter' : 'deleted 36 months after');
    }
  });
});
