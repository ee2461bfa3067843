// The privacy statement as sections, from the catalogue in texts.ts: rendered as HTML for /privacy
// (index.ts) and as Markdown into docs/privacy.md (scripts/privacy-doc.ts writes it; a test checks
// the file is current). One text, two renderings.
import type { Locale } from '../../core/i18n/catalogue.js';
import { DATA_LINK_HOURS } from '../../flows/privacy/index.js';
import { privacyTexts as T } from './texts.js';

export interface PrivacyStatement {
  title: string;
  sections: { heading: string | null; paragraphs: string[] }[];
}

export function privacyStatement(locale: Locale, retentionMonths: number): PrivacyStatement {
  const p = (k: Parameters<typeof T.plain>[1]) => T.plain(locale, k, { months: retentionMonths, hours: DATA_LINK_HOURS });
  return {
    title: p('privacyTitle'),
    sections: [
      { heading: null, paragraphs: [p('privacyPrinciple')] },
      { heading: p('whatTitle'), paragraphs: [p('whatStaff'), p('whatVisits'), p('whatReflections'), p('whatMessages')] },
      { heading: p('howLongTitle'), paragraphs: [p('howLongReflections'), p('howLongMessages'), p('howLongStaff')] },
      { heading: p('whoTitle'), paragraphs: [p('whoLeaders'), p('whoAgents'), p('whoCoordinator')] },
      { heading: p('rightsTitle'), paragraphs: [p('rightsExport'), p('rightsErase')] },
      { heading: null, paragraphs: [p('questions')] },
    ],
  };
}

/** Markdown for docs/privacy.md: headings one level below the document's own. */
export function privacyMarkdown(locale: Locale, retentionMonths: number): string {
  const s = privacyStatement(locale, retentionMonths);
  const parts = [`### ${s.title}`];
  for (const section of s.sections) {
    if (section.heading) parts.push(`#### ${section.heading}`);
    parts.push(...section.paragraphs);
  }
  return `${parts.join('\n\n')}\n`;
}
