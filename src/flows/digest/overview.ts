// On-demand views, answered privately: `overblik` (a leader: their school's digest as it stands now)
// and `overblik kommune` (a coordinator: every school of the municipality side by side). Same figures
// and privacy rule as the weekly digest.
import type { Actor, Interaction } from '../../core/chat.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { header, simpleMessage, text, context, type Block } from '../../core/messages.js';
import type { ProductDeps } from '../stores.js';
import { currentWeek, digestFigures, type DigestFigures } from './figures.js';
import { MIN_GROUP } from './privacy.js';
import { show } from './render.js';
import { computeDigest, digestMessages } from './send.js';
import { digestTexts as T } from './texts.js';

/** Every school's figures for the week `now` falls in (the coordinator's view and the report). */
export async function municipalityFigures(deps: ProductDeps, municipalityId: string, now: Date): Promise<DigestFigures[]> {
  const settings = await deps.calendar(municipalityId);
  const week = currentWeek(now, settings.timeZone);
  const out: DigestFigures[] = [];
  for (const school of await deps.stores.digest.schools(municipalityId)) {
    out.push(await digestFigures(deps.stores.digest, settings, school, week, now, deps.chat.platforms()));
  }
  return out;
}

export async function showSchoolNow(deps: ProductDeps, actor: Actor, ix: Interaction): Promise<void> {
  const schools = (await deps.directory.rolesOf(actor.personId)).filter((r) => r.role === 'leader');
  if (schools.length === 0) return ix.respond((l) => simpleMessage(T.for(l)('notLeader')));
  const now = deps.clock.now();
  const { timeZone } = await deps.calendar(actor.municipalityId);
  for (const { schoolId } of schools) {
    const f = await computeDigest(deps, { schoolId, ...currentWeek(now, timeZone) }, now);
    if (!f) continue;
    const messages = (await digestMessages(f, [actor.locale], { now: true }))[actor.locale]!;
    await ix.respond(() => messages.headline);
    await ix.respond(() => messages.details);
  }
}

function schoolLine(l: Locale, f: DigestFigures): Block {
  const courses = f.courses
    .map((c) => (c.participants === null ? T.plain(l, 'municipalityCourseSmall', { course: c.name, min: MIN_GROUP }) : T.plain(l, 'municipalityCourse', { course: c.name, reached: show(l, c.reached), participants: show(l, c.participants) })))
    .join(' · ');
  return text(T.for(l)('municipalitySchool', { school: f.school.name, held: show(l, f.week.held), planned: show(l, f.week.planned), open: show(l, f.week.open), courses: courses || T.plain(l, 'municipalityNoCourses') }));
}

export async function showMunicipality(deps: ProductDeps, actor: Actor, ix: Interaction): Promise<void> {
  const roles = await deps.directory.rolesOf(actor.personId);
  if (!roles.some((r) => r.role === 'coordinator')) return ix.respond((l) => simpleMessage(T.for(l)('notCoordinator')));
  const now = deps.clock.now();
  const all = await municipalityFigures(deps, actor.municipalityId, now);
  const name = (await deps.stores.digest.municipalityName(actor.municipalityId)) ?? '';
  const week = all[0]?.isoWeek ?? currentWeek(now, (await deps.calendar(actor.municipalityId)).timeZone).isoWeek;
  await ix.respond((l) => ({
    summary: T.plain(l, 'municipalityTitle', { municipality: name, week }),
    blocks: [header(T.plain(l, 'municipalityTitle', { municipality: name, week })), ...all.map((f) => schoolLine(l, f)), context(T.for(l)('privacyNote', { min: MIN_GROUP }))],
  }));
}
