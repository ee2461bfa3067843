// Every message and form the flows actually produce in a school's week — offers, announcements,
// claims, confirmations, reminders, reflections, digests, help, status, home — in Danish and English,
// rendered by both platform renderers: each Adaptive Card must validate with Microsoft's SDK and stay
// under 28 KB; each Slack message must stay within Block Kit's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Form, Message } from '../../src/core/messages.js';
import { renderMessage } from '../../src/bot/slack/render/blocks.js';
import { renderForm } from '../../src/bot/slack/render/form.js';
import { renderHome } from '../../src/bot/slack/render/home.js';
import { bytesOf, renderMessageCards, TEAMS_ACTIVITY_MAX_BYTES } from '../../src/bot/teams/render/card.js';
import { renderFormCard } from '../../src/bot/teams/render/form.js';
import { createAdminFlow } from '../../src/flows/admin/index.js';
import { createBookingFlowWith } from '../../src/flows/booking/index.js';
import { createDigestFlow } from '../../src/flows/digest/index.js';
import { createReflectionFlow } from '../../src/flows/reflection/index.js';
import { createScenario, type Scenario } from '../support/scenario.js';
import { expectValidCard } from './teams/validate-card.js';

const SCHOOL = 'Holmegårdsskolen';
let s: Scenario;
const messages: { where: string; message: Message }[] = [];
const forms: { where: string; form: Form }[] = [];

beforeAll(async () => {
  // Tuesday 20 October 2026, 10:00.
  s = await createScenario({
    now: '2026-10-20T08:00:00Z',
    flows: [createBookingFlowWith({ publicUrl: 'https://sparring.kommune.dk' }), createReflectionFlow, createDigestFlow, createAdminFlow],
  });
  const schoolId = await s.school(SCHOOL);
  await s.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'local', tenantId: '', channelId: 'ledelse' });
  const people = {
    teacherDa: await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] }),
    teacherEn: await s.person({ name: 'Tom Taylor', locale: 'en', roles: [['teacher', SCHOOL]] }),
    agentDa: await s.person({ name: 'Anders Ærø-Østergård', roles: [['learning_agent', SCHOOL]] }),
    agentEn: await s.person({ name: 'Emma English', locale: 'en', roles: [['learning_agent', SCHOOL]] }),
    consultant: await s.person({ name: 'Karen Konsulent', roles: [['consultant', SCHOOL]] }),
    leader: await s.person({ name: 'Lone Leder', roles: [['leader', SCHOOL]] }),
    coordinator: await s.person({ name: 'Kim Koordinator', locale: 'en', roles: [['coordinator', SCHOOL]] }),
  };
  const ix = (a: (typeof people)[keyof typeof people]) => s.chat.interaction(a);
  const d = s.runtime.dispatcher;
  await d.startFlows();

  for (const [teacher, agent, date, announced] of [
    [people.teacherDa, people.agentDa, '2026-10-26', '2026-10-20T12:00:00Z'],
    [people.teacherEn, people.agentEn, '2026-10-27', '2026-10-21T10:00:00Z'],
  ] as const) {
    await d.command(teacher, 'tilbyd', ix(teacher));
    await d.submit({ actor: teacher, formId: 'booking.offer', values: { date, start: '09:00', end: '09:45', classGroup: '5.b', subject: 'Dansk <!channel> *fed*', room: 'B12', focus: 'x'.repeat(400) } }, ix(teacher));
    await d.submit({ actor: teacher, formId: 'booking.offer', values: { date: '2026-10-14', start: '09:00', end: '08:00', classGroup: '', subject: '' } }, ix(teacher));
    await s.advanceTo(announced);
    const slot = await s.runtime.db.slot.findFirstOrThrow({ where: { teacherId: teacher.personId } });
    await d.command(agent, 'ledige', ix(agent));
    await d.action({ actor: agent, actionId: 'booking.claim', value: slot.id }, ix(agent));
    await d.action({ actor: people.consultant, actionId: 'booking.claim', value: slot.id }, ix(people.consultant));
    await d.action({ actor: people.consultant, actionId: 'booking.waitlist', value: slot.id }, ix(people.consultant));
    await d.action({ actor: teacher, actionId: 'booking.move', value: slot.id }, ix(teacher));
  }
  await s.advanceTo('2026-10-28T12:00:00Z', 30 * 60_000); // reminders, held, reflection prompts
  for (const teacher of [people.teacherDa, people.teacherEn]) {
    const r = await s.runtime.db.reflection.findFirst({ where: { personId: teacher.personId } });
    if (r) {
      await d.action({ actor: teacher, actionId: 'reflection.open', value: r.id }, ix(teacher));
      await d.submit({ actor: teacher, formId: 'reflection.answer', privateValue: r.id, values: { goal: 'Eleverne kunne forklare begrebet.' } }, ix(teacher));
    }
    await d.command(teacher, 'refleksioner', ix(teacher));
  }
  await s.advanceTo('2026-11-02T08:00:00Z', 3 * 3_600_000); // the digest of week 44
  for (const p of Object.values(people)) {
    await d.command(p, 'mine', ix(p));
    await d.command(p, 'hjælp', ix(p));
    await d.command(p, 'hvad', ix(p));
    messages.push({ where: `home of ${p.personId}`, message: await d.home(p) });
  }
  await d.command(people.coordinator, 'status', ix(people.coordinator));

  for (const m of s.chat.messages) {
    messages.push({ where: m.to, message: m.message });
    for (const old of m.history) messages.push({ where: `${m.to} (before update)`, message: old });
  }
  for (const f of s.chat.forms) forms.push({ where: f.personId, form: f.form });
}, 120_000);

afterAll(() => s?.cleanup());

describe('what the flows say, on every platform', () => {
  it('covers the whole week: announcements, confirmations, reminders, reflections, the digest', () => {
    const summaries = messages.map((m) => m.message.summary).join('\n');
    for (const expected of ['Ny lektion til feedback', 'Et par minutter til refleksion?', 'A few minutes for reflection?', 'Ugens feedback på Holmegårdsskolen', 'Sådan bruger du Sparring', 'How to use Sparring', 'Sparring status']) {
      expect(summaries).toContain(expected);
    }
    expect(messages.length).toBeGreaterThan(40);
    expect(forms.map((f) => f.form.id)).toEqual(expect.arrayContaining(['booking.offer', 'booking.move', 'reflection.answer']));
  });

  it('renders every message as valid Adaptive Cards 1.5 under 28 KB', () => {
    for (const { where, message } of messages) {
      for (const card of renderMessageCards(message, 'da')) {
        expectValidCard(card);
        expect(bytesOf(card), where).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
      }
    }
    for (const { form } of forms) {
      const card = renderFormCard(form, 'da');
      expectValidCard(card);
      expect(bytesOf(card)).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
    }
  });

  it('renders every message within Block Kit limits, with what people typed escaped', () => {
    for (const { where, message } of messages) {
      for (const part of renderMessage(message)) {
        expect(part.blocks.length, where).toBeLessThanOrEqual(50);
        expect(part.text.length, where).toBeLessThanOrEqual(3000);
        const json = JSON.stringify(part.blocks);
        expect(json).not.toContain('<!channel>');
        // verbatim: Slack must not turn a typed "@channel", #channel or URL into a ping or link.
        expect(json.match(/"type":"mrkdwn"/g)?.length ?? 0, where).toBe(json.match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":true/g)?.length ?? 0);
        for (const b of part.blocks as any[]) {
          if (b.text?.text) expect(b.text.text.length, where).toBeLessThanOrEqual(3000);
          for (const f of b.fields ?? []) expect(f.text.length, where).toBeLessThanOrEqual(2000);
          for (const e of b.elements ?? []) if (e.type === 'button') expect(e.text.text.length, where).toBeLessThanOrEqual(75);
        }
      }
    }
    for (const { form } of forms) {
      const view = renderForm(form);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.submit!.text.length).toBeLessThanOrEqual(24);
      expect(view.close!.text.length).toBeLessThanOrEqual(24);
    }
    for (const { message } of messages.filter((m) => m.where.startsWith('home'))) expect(renderHome(message).blocks.length).toBeLessThanOrEqual(100);
  });
});
