// GET /privacy and GET /terms: short pages the Teams manifest and the Slack app link to.
// Danish by default; ?lang=en or an English Accept-Language gives English. The privacy statement is
// the same text as docs/privacy.md (statement.ts).
import type { Express, Request } from 'express';
import { isLocale, type Locale } from '../../core/i18n/catalogue.js';
import { escapeHtml } from '../local/render.js';
import { privacyStatement } from './statement.js';
import { privacyTexts as T } from './texts.js';

function localeOf(req: Request, fallback: Locale): Locale {
  if (isLocale(req.query.lang)) return req.query.lang;
  const accepted = req.acceptsLanguages('da', 'en');
  return isLocale(accepted) ? accepted : fallback;
}

function page(locale: Locale, title: string, sections: [string | null, string[]][]): string {
  const body = sections
    .map(([heading, paragraphs]) => `${heading ? `<h2>${escapeHtml(heading)}</h2>` : ''}${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`)
    .join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function mountPrivacyPages(app: Express, defaultLocale: Locale, retentionMonths: number): void {
  app.get('/privacy', (req, res) => {
    const statement = privacyStatement(localeOf(req, defaultLocale), retentionMonths);
    res.type('html').send(page(localeOf(req, defaultLocale), statement.title, statement.sections.map((s) => [s.heading, s.paragraphs])));
  });
  app.get('/terms', (req, res) => {
    const l = localeOf(req, defaultLocale);
    res.type('html').send(page(l, T.plain(l, 'termsTitle'), [[null, [T.plain(l, 'termsBody')]]]));
  });
}
