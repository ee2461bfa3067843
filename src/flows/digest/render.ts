// Turns a school's digest figures into messages: a short headline (week counts, coverage per course,
// the trend chart) and the details per course as a follow-up (a thread reply in Slack, a second card
// in Teams). Hidden figures read "under 5 lærere"; never a name, never reflection text.
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich } from '../../core/i18n/text.js';
import { formatDateLong } from '../../domain/calendar/index.js';
import { context, fields, header, text, type Block, type Message } from '../../core/messages.js';
import type { CourseFigures, DigestFigures } from './figures.js';
import { MIN_GROUP, type Figure } from './privacy.js';
import { digestTexts as T } from './texts.js';

export const show = (l: Locale, f: Figure): string => (f === null ? T.plain(l, 'hidden') : String(f));

function courseParams(l: Locale, c: CourseFigures) {
  return {
    course: c.name,
    target: c.target,
    participants: show(l, c.participants),
    reached: show(l, c.reached),
    held: show(l, c.held),
    reflected: show(l, c.reflected),
    asOf: c.asOf ? formatDateLong(c.asOf, l) : '–',
    min: MIN_GROUP,
  };
}

function courseHeadline(l: Locale, c: CourseFigures): Block {
  const t = T.for(l);
  if (c.participants === null) return text(t('courseSmall', courseParams(l, c)));
  if (c.asOf === null) return text(t('courseNothingYet', courseParams(l, c)));
  return text(t('courseLine', courseParams(l, c)));
}

export interface DigestMessages {
  headline: Message;
  details: Message;
}

/** `extra` goes between the figures and the footer: the chart, a note that details follow. */
export function renderDigest(l: Locale, f: DigestFigures, opts: { now?: boolean; extra?: Block[] } = {}): DigestMessages {
  const t = T.for(l);
  const week = f.isoWeek;
  const blocks: Block[] = [
    header(T.plain(l, opts.now ? 'nowTitle' : 'title', { school: f.school.name, week })),
    fields(
      { label: T.plain(l, 'weekHeld', { week }), value: rich(show(l, f.week.held)) },
      { label: T.plain(l, 'weekUnclaimed'), value: rich(show(l, f.week.unclaimed)) },
      { label: T.plain(l, 'upcoming'), value: rich(show(l, f.week.planned)) },
      { label: T.plain(l, 'open'), value: rich(show(l, f.week.open)) },
    ),
  ];
  if (f.courses.length === 0) blocks.push(text(t('noCourses')));
  for (const c of f.courses) blocks.push(courseHeadline(l, c));
  if (f.unreachable > 0) blocks.push(text(t('unreachable', { count: f.unreachable })));
  blocks.push(...(opts.extra ?? []));
  blocks.push(context(t('footer')));
  const headline: Message = { summary: T.plain(l, 'summary', { school: f.school.name, week }), blocks };

  const detailBlocks: Block[] = [header(T.plain(l, 'detailsTitle', { week }))];
  for (const c of f.courses) {
    if (c.participants === null || c.asOf === null) {
      detailBlocks.push(courseHeadline(l, c));
      continue;
    }
    detailBlocks.push(text(t('courseDetail', courseParams(l, c))));
    for (const w of c.windows) {
      const params = { after: w.afterSession, next: w.beforeSession ?? '', until: w.until ? formatDateLong(w.until, l) : '', reached: show(l, w.reached), participants: show(l, c.participants), target: w.target, held: show(l, w.held) };
      detailBlocks.push(context(t(w.beforeSession === null ? 'windowAfterLast' : 'windowLine', params)));
    }
  }
  if (f.courses.length === 0) detailBlocks.push(text(t('noCourses')));
  detailBlocks.push(context(t('privacyNote', { min: MIN_GROUP })));
  return { headline, details: { summary: T.plain(l, 'detailsSummary', { week }), blocks: detailBlocks } };
}

/** The chart's text alternative, for screen readers and clients that show no images. */
export function trendAlt(l: Locale, f: DigestFigures): string {
  const list = f.trend.map((p) => T.plain(l, 'trendWeek', { week: p.isoWeek, value: show(l, p.held) })).join(', ');
  return T.plain(l, 'trendAlt', { list });
}
