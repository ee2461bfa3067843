// The statement blocks of docs/privacy.md, written from the same texts as /privacy (the documented
// default retention: the page shows the configured one).
import { DEFAULT_RETENTION_MONTHS } from '../../flows/housekeeping/retention.js';
import { privacyMarkdown } from './statement.js';

const block = (locale: 'da' | 'en') => new RegExp(`(<!-- statement:${locale} -->\\n)[\\s\\S]*?(<!-- /statement:${locale} -->)`);

/** The document with both statement blocks replaced by the current texts. */
export function fillStatementBlocks(doc: string): string {
  let out = doc;
  for (const locale of ['da', 'en'] as const) {
    if (!block(locale).test(out)) throw new Error(`docs/privacy.md has no <!-- statement:${locale} --> block`);
    out = out.replace(block(locale), (_m, open: string, close: string) => `${open}\n${privacyMarkdown(locale, DEFAULT_RETENTION_MONTHS)}\n${close}`);
  }
  return out;
}
