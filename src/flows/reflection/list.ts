// `refleksioner`: her pending and answered reflections, newest visit first, a page at a time. A
// pending one can be answered from here; an answered one edited or shared with the visiting agent.
import type { Actor, Interaction } from '../../core/chat.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { formatDateLong, localDate } from '../../domain/calendar/index.js';
import { actions, context, divider, header, text, type Block, type Button, type Message } from '../../core/messages.js';
import { answerBlocks, timeZoneOf, visitDate, type ReflectionContext } from './context.js';
import type { ReflectionDetail } from './ports.js';
import { answerButtons } from './prompt.js';
import { reflectionTexts as T } from './texts.js';

export const PAGE_SIZE = 5;

function shareButton(r: ReflectionDetail, l: Locale): Button {
  const agent = r.visit.agentName ?? '';
  return {
    actionId: 'reflection.share',
    value: r.id,
    label: T.plain(l, 'share', { agent }),
    confirm: { title: T.plain(l, 'shareConfirmTitle'), text: T.plain(l, 'shareConfirmText', { agent }), confirm: T.plain(l, 'shareConfirm'), deny: T.plain(l, 'cancel') },
  };
}

function item(r: ReflectionDetail, l: Locale, tz: string): Block[] {
  const t = T.for(l);
  const p = { subject: r.visit.subject, group: r.visit.classGroup, date: visitDate(r.visit, l, tz) };
  if (r.status !== 'answered') return [text(t('listPending', p)), ...answerBlocks(r, l), actions(...answerButtons(l, r.id, false))];
  const buttons: Button[] = [{ actionId: 'reflection.open', value: r.id, label: T.plain(l, 'edit') }];
  if (r.visit.agentName && !r.sharedAt) buttons.push(shareButton(r, l));
  return [
    text(t('listAnswered', p)),
    // Retention (docs/privacy.md) deletes old texts; the reflection itself is still listed.
    ...(r.answers.length > 0 ? answerBlocks(r, l) : [context(t('listTextDeleted'))]),
    ...(r.sharedAt ? [context(t('listShared', { agent: r.visit.agentName ?? '', date: formatDateLong(localDate(r.sharedAt, tz), l) }))] : []),
    actions(...buttons),
  ];
}

export async function listReflections(ctx: ReflectionContext, actor: Actor, page: number, ix: Interaction): Promise<void> {
  const { items, total } = await ctx.store.own(actor.personId, page * PAGE_SIZE, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const tz = await timeZoneOf(ctx, actor.municipalityId);
  await ix.respond((l): Message => {
    const t = T.for(l);
    const blocks: Block[] = [header(T.plain(l, 'listTitle')), context(t('listPrivate'))];
    if (total === 0) blocks.push(text(t('listEmpty')));
    items.forEach((r) => blocks.push(divider(), ...item(r, l, tz)));
    if (pages > 1) {
      const nav: Button[] = [];
      if (page > 0) nav.push({ actionId: 'reflection.page', value: String(page - 1), label: T.plain(l, 'newer') });
      if (page + 1 < pages) nav.push({ actionId: 'reflection.page', value: String(page + 1), label: T.plain(l, 'older') });
      blocks.push(divider(), context(t('listPage', { page: page + 1, pages })), actions(...nav));
    }
    return { summary: T.plain(l, 'listTitle'), blocks };
  });
}

/** The page number in a button: any number is harmless (it only pages her own list). */
export function pageOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}
