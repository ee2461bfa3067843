// Messages to the people involved in a change (the teacher, the agent, those on the waitlist), queued
// in the change's transaction. Each is keyed by slot version, kind and recipient: a later change
// cancels what is still waiting of an earlier version (see keys.ts), and asking twice queues once.
import type { Locale } from '../../core/i18n/catalogue.js';
import { actions, context, text, type MessageBuilder } from '../../core/messages.js';
import type { ProductTx } from '../stores.js';
import { calendarLink, slotParams, type BookingContext } from './context.js';
import { keys } from './keys.js';
import type { SlotView } from './port.js';
import { bookingTexts, type BookingTextKey } from './texts.js';
import { ACTIONS, calendarButton, calendarRow, confirmation, simple, teacherButtons, when, withdrawButton } from './views.js';

export type MessageKind =
  | 'confirmTeacher'
  | 'confirmAgent'
  | 'confirmAgentFromWaitlist'
  | 'cancelledAgent'
  | 'cancelledWaitlist'
  | 'movedWaitlist'
  | 'cancelledTeacherByLeader'
  | 'movedAgent'
  | 'movedTeacherByLeader'
  | 'withdrawnTeacherWaitlist'
  | 'withdrawnTeacherReopened'
  | 'notHeldOther'
  | 'offeredOnYourBehalf'
  | 'escalated';

/**
 * Queues message `kind` about `slot` (as it is now) for `personId`. `params.name` is the leader who
 * acted on the teacher's behalf, where that matters.
 */
export async function tell(ctx: BookingContext, tx: ProductTx, slot: SlotView, tz: string, personId: string, kind: MessageKind, params: Record<string, string> = {}): Promise<void> {
  const build = await messageFor(ctx, tx, slot, tz, personId, kind, params);
  await tx.chat.sendToPerson(personId, build, { key: keys.message(slot.id, slot.sequence, kind, personId) });
}

async function messageFor(ctx: BookingContext, tx: ProductTx, slot: SlotView, tz: string, personId: string, kind: MessageKind, params: Record<string, string>): Promise<MessageBuilder> {
  const link = calendarLink(ctx, slot, personId);
  const line = (key: BookingTextKey) => (l: Locale) => bookingTexts.for(l)(key, { ...slotParams(slot, tz, l), ...params });
  switch (kind) {
    case 'confirmTeacher':
      return (l) => confirmation(slot, tz, l, 'teacher', link);
    case 'confirmAgent':
    case 'confirmAgentFromWaitlist':
      return (l) => confirmation(slot, tz, l, 'agent', link, kind === 'confirmAgentFromWaitlist');
    case 'cancelledWaitlist':
      return (l) => simple(line(params.name ? 'cancelledWaitlistByLeader' : 'cancelledWaitlist')(l));
    case 'cancelledAgent':
    case 'cancelledTeacherByLeader': {
      const key = kind === 'cancelledAgent' && params.name ? 'cancelledAgentByLeader' : kind;
      return (l) => simple(line(key)(l), calendarRow(link, l, true));
    }
    case 'movedAgent': {
      // The new time may clash with another visit of the agent's: say so, they may want to withdraw.
      const other = slot.agentId ? (await tx.booking.agentOverlaps(slot.agentId, slot.startsAt, slot.endsAt, slot.id))[0] : undefined;
      return (l) =>
        simple(line(params.name ? 'movedAgentByLeader' : 'movedAgent')(l), [
          ...(other ? [context(bookingTexts.for(l)('movedAgentBusy', { other: `${when(other, tz, l)}, ${other.teacherName}` }))] : []),
          actions(...calendarButton(link, l), withdrawButton(slot, l)),
        ]);
    }
    case 'movedWaitlist':
      return (l) => simple(line('movedWaitlist')(l), [actions({ actionId: ACTIONS.leaveWaitlist, value: slot.id, label: bookingTexts.plain(l, 'leaveWaitlistButton') })]);
    case 'movedTeacherByLeader':
      return (l) => simple(line('movedTeacherByLeader')(l), [actions(...(slot.status === 'claimed' ? calendarButton(link, l) : []), ...teacherButtons(slot, l))]);
    case 'withdrawnTeacherWaitlist':
      return (l) => simple(line('withdrawnTeacherWaitlist')(l), [actions(...calendarButton(link, l), ...teacherButtons(slot, l))]);
    case 'withdrawnTeacherReopened':
      return (l) => simple(line('withdrawnTeacherReopened')(l), calendarRow(link, l, true));
    case 'notHeldOther':
      return (l) => simple(line('notHeldOther')(l));
    case 'offeredOnYourBehalf':
      return (l) => simple(line('offeredOnYourBehalf')(l), slot.status === 'open' ? [actions(...teacherButtons(slot, l))] : []);
    case 'escalated':
      // params.consultants: "yes" when consultants were offered the lesson too.
      return (l) => ({
        summary: bookingTexts.plain(l, 'escalateTeacherSummary'),
        blocks: [text(bookingTexts.for(l)(params.consultants === 'yes' ? 'escalateTeacher' : 'escalateTeacherNoConsultants', { when: when(slot, tz, l) })), actions(...teacherButtons(slot, l))],
      });
  }
}
