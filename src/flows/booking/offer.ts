// Offering a lesson: the form (a leader picks the teacher; someone teaching at several schools picks
// the school; with a bell schedule the lesson number gives the time), its validation, and the slot
// with its timed work and first announcement round — all in one transaction.
import type { Actor, Interaction } from '../../core/chat.js';
import type { FormResult, FormSubmission } from '../../core/flow.js';
import { rich } from '../../core/i18n/text.js';
import type { Role } from '../../core/directory.js';
import { nextMessageableMoment } from '../../domain/calendar/index.js';
import { startRound } from './announce.js';
import { leaderName, nameOf, now, say, settingsOf, TEACHING, type BookingContext } from './context.js';
import { formatMoment, formatWhat } from './format.js';
import type { CourseWithSessions } from './port.js';
import { tell } from './tell.js';
import { bookingTexts } from './texts.js';
import { scheduleTimed } from './timed.js';
import { renderErrors, validateLessonDetails, validateLessonTime, type FieldErrors } from './validation.js';
import { DEFAULT_LESSON_MINUTES, offerForm, simple, when } from './views.js';

/** The offer form; `courseId` (a nudge's button, never trusted) pre-selects one of the person's own courses. */
export async function offerCommand(ctx: BookingContext, actor: Actor, ix: Interaction, courseId?: string): Promise<void> {
  const roles = await ctx.deps.directory.rolesOf(actor.personId);
  const teaches = roles.some((r) => TEACHING.includes(r.role));
  const leads = roles.filter((r) => r.role === 'leader');
  if (!teaches && leads.length === 0) return say(ix, 'offerNotAllowed');
  let teachers: { id: string; name: string }[] | null = null;
  if (leads.length > 0) {
    const seen = new Map<string, { id: string; name: string }>();
    if (teaches) {
      const me = await ctx.deps.directory.person(actor.personId);
      if (me) seen.set(me.id, { id: me.id, name: me.name });
    }
    for (const s of leads) for (const p of await ctx.store.schoolPeople(s.schoolId, TEACHING)) if (!seen.has(p.id)) seen.set(p.id, p);
    teachers = [...seen.values()];
  }
  // A leader picks the teacher in the same form, so the course is found from the date for them.
  const courses = teachers === null ? await ctx.store.coursesOf(actor.personId) : [];
  const schools = teachers === null ? teachingSchools(roles) : [];
  // The bell schedule is offered when it is clear which school the lesson is at.
  const lessonTimes = schools.length === 1 ? await ctx.store.lessonTimes(schools[0]!.id) : [];
  await ix.openForm((l) => offerForm({ teachers, selfId: actor.personId, courses: courses.map((c) => ({ id: c.id, name: c.name })), schools, lessonTimes, ...(courseId ? { initialCourse: courseId } : {}) }, l));
}

export async function offerSubmit(ctx: BookingContext, sub: FormSubmission, ix: Interaction): Promise<FormResult> {
  const { actor, values } = sub;
  const errors: FieldErrors = {};
  const roles = await ctx.deps.directory.rolesOf(actor.personId);
  const chosen = (values.teacher ?? '').trim();
  let teacherId = actor.personId;
  let schoolId: string | undefined;
  if (chosen !== '' && chosen !== actor.personId) {
    // On behalf of someone: only a leader of a school where that person teaches.
    teacherId = chosen;
    for (const r of roles.filter((x) => x.role === 'leader')) {
      if (await ctx.store.hasRole(chosen, r.schoolId, TEACHING)) {
        schoolId = r.schoolId;
        break;
      }
    }
    if (!schoolId) errors.teacher = { key: 'errTeacher' };
  } else {
    const mine = teachingSchools(roles);
    const picked = (values.school ?? '').trim();
    // Someone teaching at several schools says where the lesson is; the value is checked, not trusted.
    schoolId = mine.length > 1 ? mine.find((s) => s.id === picked)?.id : mine[0]?.id;
    if (!schoolId && mine.length > 1) errors.school = { key: 'errSchool' };
    else if (!schoolId) {
      if (roles.some((r) => r.role === 'leader')) errors.teacher = { key: 'errTeacher' };
      else {
        await say(ix, 'offerNotAllowed');
        return { ok: true };
      }
    }
  }
  const settings = await settingsOf(ctx, actor.municipalityId);
  const tz = settings.timeZone;
  const time = validateLessonTime(schoolId ? await withLessonTime(ctx, values, schoolId, errors) : values, { now: now(ctx), settings });
  const details = validateLessonDetails(values);
  if (!time.ok) Object.assign(errors, time.errors);
  if (!details.ok) Object.assign(errors, details.errors);
  if (!time.ok || !details.ok || !schoolId || Object.keys(errors).length > 0) return { ok: false, errors: renderErrors(errors, actor.locale) };

  const overlap = (await ctx.store.teacherOverlaps(teacherId, time.value.startsAt, time.value.endsAt))[0];
  if (overlap) {
    const l = actor.locale;
    return { ok: false, errors: { start: bookingTexts.plain(l, 'errOverlap', { when: when(overlap, tz, l), what: formatWhat(overlap) }) } };
  }

  const courses = await ctx.store.coursesOf(teacherId);
  const courseChoice = (values.course ?? 'auto').trim();
  let courseId: string | null;
  if (courseChoice === 'none') courseId = null;
  else if (courseChoice === 'auto' || courseChoice === '') courseId = courseForDate(courses, time.value.startsAt)?.id ?? null;
  else if (courses.some((c) => c.id === courseChoice)) courseId = courseChoice;
  else return { ok: false, errors: renderErrors({ course: { key: 'errCourse' } }, actor.locale) };

  const leader = await leaderName(ctx, actor.personId, teacherId);
  const { slot, plan } = await ctx.deps.stores.transaction(async (tx) => {
    const created = await tx.booking.createSlot({ schoolId: schoolId!, teacherId, createdById: actor.personId, courseId, ...time.value, ...details.value });
    await scheduleTimed(ctx, tx, created, settings);
    const round = await startRound(ctx, tx, created, 0, settings);
    if (leader !== undefined) await tell(ctx, tx, created, tz, teacherId, 'offeredOnYourBehalf', { leader });
    return { slot: created, plan: round };
  });
  const agentName = plan.headStart ? await nameOf(ctx, plan.headStart) : '';
  // Say when the agents will really hear of it: outside working hours that is when the school day begins.
  const toldAt = nextMessageableMoment(plan.announceAt, settings);
  const later = toldAt.getTime() - now(ctx).getTime() > 60_000;
  await ix.respond((l) => {
    const t = bookingTexts.for(l);
    const w = when(slot, tz, l);
    const first = teacherId === actor.personId ? t('offerCreated', { when: w, what: formatWhat(slot) }) : t('offerCreatedFor', { teacher: slot.teacherName, when: w, what: formatWhat(slot) });
    const second = plan.headStart
      ? t('offerHeadStart', { agent: agentName, school: slot.schoolName, at: formatMoment(toldAt, tz, l) })
      : later
        ? t('offerAnnouncedAt', { school: slot.schoolName, at: formatMoment(toldAt, tz, l) })
        : t('offerAnnounced', { school: slot.schoolName });
    return simple(rich(first, ' ', second));
  });
  return { ok: true };
}

/** A lesson number picked from the bell schedule becomes the start time (and a default length). */
async function withLessonTime(ctx: BookingContext, values: Record<string, string>, schoolId: string, errors: FieldErrors): Promise<Record<string, string>> {
  const picked = (values.lesson ?? '').trim();
  if (picked === '' || (values.start ?? '').trim() !== '') return values;
  const start = (await ctx.store.lessonTimes(schoolId))[Number(picked) - 1];
  if (!start || !/^\d+$/.test(picked)) {
    errors.lesson = { key: 'errLesson' };
    return values;
  }
  const noLength = (values.end ?? '').trim() === '' && (values.duration ?? '').trim() === '';
  return { ...values, start, ...(noLength ? { duration: String(DEFAULT_LESSON_MINUTES) } : {}) };
}

/**
 * The course a lesson on this date belongs to: the one whose feedback window (between two sessions,
 * or within 120 days after the last) contains it.
 */
export function courseForDate(courses: CourseWithSessions[], at: Date): CourseWithSessions | null {
  const t = at.getTime();
  for (const c of courses) {
    const s = c.sessions;
    for (let i = 0; i + 1 < s.length; i++) if (t >= s[i]!.endsAt.getTime() && t <= s[i + 1]!.startsAt.getTime()) return c;
  }
  for (const c of courses) {
    const last = c.sessions.at(-1);
    if (last && t >= last.endsAt.getTime() && t <= last.endsAt.getTime() + 120 * 86_400_000) return c;
  }
  return null;
}

/** The schools where a person teaches (teacher or pedagogue), each once. */
function teachingSchools(roles: { schoolId: string; schoolName: string; role: Role }[]): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of roles) if (TEACHING.includes(r.role)) out.set(r.schoolId, r.schoolName);
  return [...out].map(([id, name]) => ({ id, name }));
}
