// Shared set-up for booking scenarios: one school with a teacher, agents, a consultant and a leader,
// and small helpers to type commands, click buttons and submit forms as a person would.
import { expect } from 'vitest';
import { buttonsOf, messageText, type RecordedMessage } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import type { FormResult } from '../../../src/core/flow.js';
import type { Message } from '../../../src/core/messages.js';
import { createBookingFlowWith, type BookingOptions } from '../../../src/flows/booking/index.js';
import { createReflectionFlow } from '../../../src/flows/reflection/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

export const SCHOOL = 'Holmegårdsskolen';
export const PUBLIC_URL = 'https://sparring.test';
export const SECRET = 'test-calendar-secret';

export interface BookingWorld {
  s: Scenario;
  schoolId: string;
  teacher: Actor;
  teacher2: Actor;
  agentA: Actor;
  agentB: Actor;
  agentEn: Actor;
  consultant: Actor;
  leader: Actor;
  outsider: Actor;
}

export async function bookingWorld(now: string, options: BookingOptions = {}, provider: 'sqlite' | 'postgresql' = 'sqlite'): Promise<BookingWorld> {
  const s = await createScenario({
    now,
    provider,
    flows: [createBookingFlowWith({ publicUrl: PUBLIC_URL, calendarSecret: SECRET, ...options }), createReflectionFlow],
  });
  const schoolId = await s.school(SCHOOL);
  return {
    s,
    schoolId,
    teacher: await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] }),
    teacher2: await s.person({ name: 'Per Pedersen', roles: [['pedagogue', SCHOOL]] }),
    agentA: await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL], ['teacher', SCHOOL]] }),
    agentB: await s.person({ name: 'Bente Berg', roles: [['learning_agent', SCHOOL]] }),
    agentEn: await s.person({ name: 'Emma English', locale: 'en', roles: [['learning_agent', SCHOOL]] }),
    consultant: await s.person({ name: 'Karen Konsulent', roles: [['consultant', SCHOOL]] }),
    leader: await s.person({ name: 'Lone Leder', roles: [['leader', SCHOOL]] }),
    outsider: await s.person({ name: 'Ole Udenfor', roles: [['learning_agent', 'Kalbyrisskolen']] }),
  };
}

export const lesson = (overrides: Record<string, string> = {}): Record<string, string> => ({
  date: '2026-10-26',
  start: '09:00',
  end: '09:45',
  classGroup: '5.b',
  subject: 'dansk',
  room: 'B12',
  focus: 'overgange mellem aktiviteter',
  ...overrides,
});

export async function submit(s: Scenario, actor: Actor, formId: string, values: Record<string, string>, privateValue?: string): Promise<{ result: FormResult; responses: Message[] }> {
  const ix = s.chat.interaction(actor);
  const result = await s.runtime.dispatcher.submit({ actor, formId, values, ...(privateValue ? { privateValue } : {}) }, ix);
  return { result, responses: ix.responses };
}

export async function click(s: Scenario, actor: Actor, actionId: string, value?: string): Promise<string> {
  const ix = s.chat.interaction(actor);
  await s.runtime.dispatcher.action({ actor, actionId, ...(value !== undefined ? { value } : {}) }, ix);
  return ix.responses.map(messageText).join('\n---\n');
}

export async function command(s: Scenario, actor: Actor, input: string): Promise<Message[]> {
  const ix = s.chat.interaction(actor);
  await s.runtime.dispatcher.command(actor, input, ix);
  return ix.responses;
}

/** `actor` submits the offer form; the new lesson's slot id (an offer refused fails the test). */
export async function offerIn(s: Scenario, actor: Actor, values: Record<string, string> = lesson()): Promise<string> {
  const { result } = await submit(s, actor, 'booking.offer', values);
  if (!result.ok) throw new Error(`offer rejected: ${JSON.stringify(result.errors)}`);
  const slot = await s.runtime.db.slot.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  return slot.id;
}

export const offer = (w: BookingWorld, actor: Actor, values: Record<string, string> = lesson()): Promise<string> => offerIn(w.s, actor, values);

/** A 45-minute lesson for 5.b in dansk on `date` at `start`, offered by `teacher` and announced (the jobs run). */
export async function announcedLesson(s: Scenario, teacher: Actor, date: string, start = '09:00'): Promise<string> {
  const slotId = await offerIn(s, teacher, { date, start, duration: '45', classGroup: '5.b', subject: 'dansk' });
  await s.runJobs();
  return slotId;
}

/** The teacher offers the default lesson, it is announced, and `agent` (agent A unless given) claims it. */
export async function claimedSlot(w: BookingWorld, agent: Actor = w.agentA): Promise<string> {
  const slotId = await offer(w, w.teacher);
  await w.s.runJobs();
  expect(await click(w.s, agent, 'booking.claim', slotId)).toContain(agent.locale === 'en' ? "It's yours!" : 'Den er din!');
  await w.s.runJobs();
  return slotId;
}

export const texts = (ms: RecordedMessage[]): string[] => ms.map((m) => messageText(m.message));
export const lastText = (ms: RecordedMessage[]): string => (ms.length ? messageText(ms[ms.length - 1]!.message) : '');
export const button = (m: RecordedMessage | undefined, actionId: string) => (m ? buttonsOf(m.message).find((b) => b.actionId === actionId) : undefined);

/** A held visit in the past, so `agentId` counts as the teacher's previous agent. */
export async function pastVisit(w: BookingWorld, teacherId: string, agentId: string, startsAt: string): Promise<void> {
  const start = new Date(startsAt);
  await w.s.runtime.db.slot.create({
    data: {
      schoolId: w.schoolId,
      teacherId,
      createdById: teacherId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 45 * 60_000),
      classGroup: '4.a',
      subject: 'matematik',
      status: 'held',
      agentId,
    },
  });
}

import ICAL from 'ical.js';
import { calendarFileFor } from '../../../src/flows/booking/index.js';

/** Fetches a calendar link the way the HTTP route does and parses it with ical.js. */
export async function fetchIcs(w: BookingWorld, url: string) {
  const u = new URL(url);
  const slotId = decodeURIComponent(u.pathname.replace(/^\/calendar\//, '').replace(/\.ics$/, ''));
  const res = await calendarFileFor(
    {
      store: w.s.runtime.stores.booking,
      timeZoneOf: async (m) => (await w.s.runtime.calendar(m)).timeZone,
      localeOf: async (p) => (await w.s.runtime.directory.person(p))?.locale ?? 'da',
      now: () => w.s.clock.now(),
      secret: SECRET,
    },
    slotId,
    u.searchParams.get('p') ?? '',
    u.searchParams.get('t') ?? '',
  );
  if (res.status !== 200) throw new Error(`calendar file: ${res.status}`);
  return { raw: res.body, ...parseIcs(res.body) };
}

export function parseIcs(raw: string) {
  const cal = new ICAL.Component(ICAL.parse(raw));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const ev = new ICAL.Event(vevent);
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: ev.uid,
    sequence: ev.sequence,
    start: ev.startDate.toJSDate(),
    end: ev.endDate.toJSDate(),
    startLocal: ev.startDate.toString(),
    tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid')),
    status: String(vevent.getFirstPropertyValue('status')),
    vtimezones: cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
  };
}
