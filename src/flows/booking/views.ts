// The booking flow's messages and forms, as neutral blocks. Each builder renders in the recipient's
// locale; the flow gathers the data (time zone, links) first, so builders stay synchronous.
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich } from '../../core/i18n/text.js';
import { actions, context, fields, header, simpleMessage, text, type Block, type Button, type Field, type Form, type FormField, type Message } from '../../core/messages.js';
import { localDate, localTime } from '../../domain/calendar/index.js';
import { formatTime, formatWhat, formatWhen, statusText } from './format.js';
import type { SlotView } from './port.js';
import { bookingTexts } from './texts.js';
import { LIMITS } from './validation.js';

export const ACTIONS = {
  claim: 'booking.claim',
  cancel: 'booking.cancel',
  move: 'booking.move',
  withdraw: 'booking.withdraw',
  waitlist: 'booking.waitlist',
  leaveWaitlist: 'booking.leaveWaitlist',
  held: 'booking.held',
  notHeld: 'booking.notHeld',
  calendar: 'booking.calendar',
  /** "Tilbyd en lektion" under a programme nudge: the offer form with the course chosen (value: course id). */
  offerForCourse: 'booking.offerForCourse',
} as const;
export const FORMS = { offer: 'booking.offer', move: 'booking.move' } as const;
/** A Danish lesson; used when a teacher picks a lesson number and gives no end or duration. */
export const DEFAULT_LESSON_MINUTES = 45;

const T = (l: Locale) => bookingTexts.for(l);
const P = (l: Locale, k: Parameters<typeof bookingTexts.plain>[1], p?: Parameters<typeof bookingTexts.plain>[2]) => bookingTexts.plain(l, k, p);

export const simple = simpleMessage;

export function when(slot: SlotView, tz: string, l: Locale): string {
  return formatWhen(slot.startsAt, slot.endsAt, tz, l);
}

/** The facts of a lesson as a fields block. */
export function slotFields(slot: SlotView, tz: string, l: Locale, opts: { school?: boolean } = {}): Block {
  const f: Field[] = [
    { label: P(l, 'labelWhen'), value: rich(when(slot, tz, l)) },
    { label: P(l, 'labelClass'), value: rich(slot.classGroup) },
    { label: P(l, 'labelSubject'), value: rich(slot.subject) },
  ];
  if (slot.room) f.push({ label: P(l, 'labelRoom'), value: rich(slot.room) });
  if (slot.courseName) f.push({ label: P(l, 'labelCourse'), value: rich(slot.courseName) });
  if (opts.school) f.push({ label: P(l, 'labelSchool'), value: rich(slot.schoolName) });
  if (slot.focus) f.push({ label: P(l, 'labelFocus'), value: rich(slot.focus) });
  return fields(...f);
}

export type AnnouncementVariant = { kind: 'agents' } | { kind: 'headStart'; at: string } | { kind: 'consultant' };

/** An announcement copy as it should look now: open with "Claim", or closed with the outcome. */
export function announcement(slot: SlotView, tz: string, l: Locale, variant: AnnouncementVariant): Message {
  const t = T(l);
  const w = when(slot, tz, l);
  const blocks: Block[] = [header(P(l, 'announceHeader')), text(t('announceText', { teacher: slot.teacherName })), slotFields(slot, tz, l, { school: true })];
  if (slot.status === 'open') {
    if (variant.kind === 'headStart') blocks.push(context(t('announceHeadStart', { teacher: slot.teacherName, at: variant.at })));
    if (variant.kind === 'consultant') blocks.push(context(t('announceConsultant')));
    blocks.push(actions({ actionId: ACTIONS.claim, value: slot.id, label: P(l, 'claimButton'), style: 'primary' }));
  } else if (slot.status === 'claimed' || slot.status === 'held') {
    blocks.push(context(t('announceClaimed', { agent: slot.agentName ?? '?' })));
    if (slot.status === 'claimed') blocks.push(actions({ actionId: ACTIONS.waitlist, value: slot.id, label: P(l, 'waitlistButton') }));
  } else if (slot.status === 'cancelled') blocks.push(context(t('announceCancelled')));
  else if (slot.status === 'unclaimed') blocks.push(context(t('announceUnclaimed')));
  else blocks.push(context(t('announceGone')));
  return { summary: P(l, 'announceSummary', { teacher: slot.teacherName, when: w }), blocks };
}

export function calendarButton(url: string | null, l: Locale, cancel = false): Button[] {
  return url ? [{ actionId: ACTIONS.calendar, label: P(l, cancel ? 'removeFromCalendar' : 'addToCalendar'), url }] : [];
}

/** The calendar button on a row of its own, or nothing when there is no link. */
export function calendarRow(url: string | null, l: Locale, cancel = false): Block[] {
  return url ? [actions(...calendarButton(url, l, cancel))] : [];
}

export function teacherButtons(slot: SlotView, l: Locale): Button[] {
  return [
    { actionId: ACTIONS.move, value: slot.id, label: P(l, 'moveButton') },
    {
      actionId: ACTIONS.cancel,
      value: slot.id,
      label: P(l, 'cancelButton'),
      style: 'danger',
      confirm: { title: P(l, 'cancelConfirmTitle'), text: P(l, 'cancelConfirmText'), confirm: P(l, 'confirmYes'), deny: P(l, 'confirmNo') },
    },
  ];
}

export function withdrawButton(slot: SlotView, l: Locale): Button {
  return {
    actionId: ACTIONS.withdraw,
    value: slot.id,
    label: P(l, 'withdrawButton'),
    confirm: { title: P(l, 'withdrawConfirmTitle'), text: P(l, 'withdrawConfirmText'), confirm: P(l, 'confirmYes'), deny: P(l, 'confirmNo') },
  };
}

export function confirmation(slot: SlotView, tz: string, l: Locale, who: 'teacher' | 'agent', calendar: string | null, fromWaitlist = false): Message {
  const t = T(l);
  const w = when(slot, tz, l);
  const agent = slot.agentName ?? '?';
  const line = who === 'teacher' ? t('confirmTeacher', { agent, when: w }) : t('confirmAgent', { teacher: slot.teacherName, when: w });
  const buttons = [...calendarButton(calendar, l), ...(who === 'teacher' ? teacherButtons(slot, l) : [withdrawButton(slot, l)])];
  return {
    summary: who === 'teacher' ? P(l, 'confirmTeacherSummary', { agent, when: w }) : P(l, 'confirmAgentSummary', { teacher: slot.teacherName, when: w }),
    blocks: [
      header(P(l, 'confirmHeader')),
      ...(fromWaitlist ? [text(t('confirmFromWaitlist'))] : []),
      text(line),
      slotFields(slot, tz, l, { school: who === 'agent' }),
      actions(...buttons),
    ],
  };
}

export function reminder(slot: SlotView, tz: string, l: Locale, who: 'teacher' | 'agent', kind: 'day' | 'hour', calendar: string | null): Message {
  const t = T(l);
  const w = when(slot, tz, l);
  const time = formatTime(slot.startsAt, tz, l);
  const what = formatWhat(slot);
  const agent = slot.agentName ?? '?';
  const line =
    kind === 'day'
      ? who === 'teacher'
        ? t('reminderDayTeacher', { agent, when: w })
        : t('reminderDayAgent', { teacher: slot.teacherName, when: w, what })
      : who === 'teacher'
        ? t('reminderHourTeacher', { agent, time, what })
        : t('reminderHourAgent', { teacher: slot.teacherName, time, what });
  const blocks: Block[] = [text(line)];
  if (slot.focus) blocks.push(context(t('reminderFocus', { focus: slot.focus })));
  if (kind === 'hour') {
    blocks.push(context(t('reminderButtonsHint')));
    blocks.push(
      actions(
        { actionId: ACTIONS.held, value: slot.id, label: P(l, 'heldButton'), style: 'primary' },
        { actionId: ACTIONS.notHeld, value: slot.id, label: P(l, 'notHeldButton') },
      ),
    );
  } else {
    const buttons = [...calendarButton(calendar, l), ...(who === 'teacher' ? teacherButtons(slot, l) : [withdrawButton(slot, l)])];
    blocks.push(actions(...buttons));
  }
  return { summary: kind === 'day' ? P(l, 'reminderDaySummary', { when: w }) : P(l, 'reminderHourSummary', { time }), blocks };
}

// ── Forms ────────────────────────────────────────────────────────────────────────────────────────

export interface OfferFormInput {
  teachers: { id: string; name: string }[] | null;
  selfId: string;
  courses: { id: string; name: string }[];
  /** The schools the person teaches at, when more than one: they choose where the lesson is. */
  schools?: { id: string; name: string }[];
  /** The school's bell schedule, when it has one: the teacher may pick a lesson instead of a time. */
  lessonTimes?: string[];
  /** The course chosen in advance (a nudge's button); one of `courses`. */
  initialCourse?: string;
}

export function offerForm(input: OfferFormInput, l: Locale): Form {
  const fieldsList: FormField[] = [];
  if (input.teachers) {
    fieldsList.push({
      id: 'teacher',
      label: P(l, 'fieldTeacher'),
      type: 'select',
      required: true,
      options: input.teachers.map((p) => ({ value: p.id, label: p.id === input.selfId ? P(l, 'fieldTeacherSelf', { name: p.name }) : p.name })),
      ...(input.teachers.some((p) => p.id === input.selfId) ? { initial: input.selfId } : {}),
    });
  }
  if (input.schools && input.schools.length > 1) {
    fieldsList.push({ id: 'school', label: P(l, 'fieldSchool'), type: 'select', required: true, options: input.schools.map((s) => ({ value: s.id, label: s.name })) });
  }
  const lessons = input.lessonTimes ?? [];
  const times = timeFields(l);
  if (lessons.length > 0) {
    // With a bell schedule the start time is optional: the lesson number gives it.
    times[1] = { ...times[1]!, required: false };
    times.splice(1, 0, {
      id: 'lesson',
      label: P(l, 'fieldLesson'),
      type: 'select',
      hint: P(l, 'fieldLessonHint', { minutes: DEFAULT_LESSON_MINUTES }),
      options: lessons.map((t, i) => ({ value: String(i + 1), label: P(l, 'lessonOption', { n: i + 1, time: t }) })),
    });
  }
  fieldsList.push(...times);
  fieldsList.push(
    { id: 'classGroup', label: P(l, 'fieldClass'), type: 'text', required: true, maxLength: LIMITS.classGroup, placeholder: P(l, 'fieldClassPlaceholder') },
    { id: 'subject', label: P(l, 'fieldSubject'), type: 'text', required: true, maxLength: LIMITS.subject, placeholder: P(l, 'fieldSubjectPlaceholder') },
    { id: 'room', label: P(l, 'fieldRoom'), type: 'text', maxLength: LIMITS.room },
  );
  if (input.courses.length > 0) {
    fieldsList.push({
      id: 'course',
      label: P(l, 'fieldCourse'),
      type: 'select',
      initial: input.initialCourse && input.courses.some((c) => c.id === input.initialCourse) ? input.initialCourse : 'auto',
      options: [{ value: 'auto', label: P(l, 'courseAuto') }, ...input.courses.map((c) => ({ value: c.id, label: c.name })), { value: 'none', label: P(l, 'courseNone') }],
    });
  }
  fieldsList.push({ id: 'focus', label: P(l, 'fieldFocus'), type: 'textarea', maxLength: LIMITS.focus, placeholder: P(l, 'fieldFocusPlaceholder') });
  return {
    id: FORMS.offer,
    title: P(l, 'offerTitle'),
    submitLabel: P(l, 'offerSubmit'),
    cancelLabel: P(l, 'formCancel'),
    intro: [text(T(l)('offerIntro'))],
    fields: fieldsList,
  };
}

function timeFields(l: Locale, initial?: { date: string; start: string; end: string }): FormField[] {
  return [
    { id: 'date', label: P(l, 'fieldDate'), type: 'date', required: true, ...(initial ? { initial: initial.date } : {}) },
    { id: 'start', label: P(l, 'fieldStart'), type: 'time', required: true, ...(initial ? { initial: initial.start } : {}) },
    { id: 'end', label: P(l, 'fieldEnd'), type: 'time', ...(initial ? { initial: initial.end } : {}) },
    { id: 'duration', label: P(l, 'fieldDuration'), type: 'number', min: LIMITS.minMinutes, max: LIMITS.maxMinutes, hint: P(l, 'fieldDurationHint') },
  ];
}

export function moveForm(slot: SlotView, tz: string, l: Locale): Form {
  return {
    id: FORMS.move,
    title: P(l, 'moveTitle'),
    submitLabel: P(l, 'moveSubmit'),
    cancelLabel: P(l, 'formCancel'),
    privateValue: slot.id,
    intro: [text(T(l)('moveIntro')), slotFields(slot, tz, l)],
    fields: timeFields(l, { date: localDate(slot.startsAt, tz), start: localTime(slot.startsAt, tz), end: localTime(slot.endsAt, tz) }),
  };
}

export { statusText };
