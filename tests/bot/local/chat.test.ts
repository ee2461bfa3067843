// The playground's chat behaves like one: a teacher offers in a form (a Danish date), the agents'
// channel gets the announcement — seen by the agents and the coordinator, not by the teacher or a
// leader — "Annullér" closes a form, the conversation survives a restart (an agent claims from the
// announcement shown before it), a coordinator links a channel by writing in it, and ?lang=en
// switches forms and answers.
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { createLogger } from '../../../src/core/logger.js';

let dir: string;
let server: RunningServer;
const clock = new ManualClock('2026-11-24T09:00:00Z'); // Tuesday 10.00
const logLines: string[] = [];
const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
const ids: Record<string, string> = {};
let schoolId = '';

const start = async () => {
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'chat.db')}`, PORT: '0', SPARRING_WORKER: 'false' });
  server = await startServer(config, { logger, clock });
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-chat-'));
  await start();
  const db = server.runtime.db;
  const m = await db.municipality.create({ data: { slug: 'naestved', name: 'Næstved' } });
  const school = await db.school.create({ data: { name: 'Holsted Skole', municipalityId: m.id } });
  const other = await db.school.create({ data: { name: 'Fensmark Skole', municipalityId: m.id } });
  schoolId = school.id;
  const people: [string, string, string][] = [
    ['teacher', 'Line Bæk', 'teacher'],
    ['agent', 'Mads Jørgensen', 'learning_agent'],
    ['leader', 'Søren Møller', 'leader'],
    ['coordinator', 'Mette Frederiksen', 'coordinator'],
  ];
  for (const [key, name, role] of people) {
    const p = await db.person.create({ data: { municipalityId: m.id, email: `${key}@skole.dk`, name } });
    await db.membership.create({ data: { personId: p.id, schoolId: school.id, role } });
    ids[key] = p.id;
  }
  const elsewhere = await db.person.create({ data: { municipalityId: m.id, email: 'helle@skole.dk', name: 'Helle Bøgh' } });
  await db.membership.create({ data: { personId: elsewhere.id, schoolId: other.id, role: 'learning_agent' } });
  ids.otherAgent = elsewhere.id;
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual', headers });
const page = async (who: string, query = '') => (await fetch(`${server.url}/?as=${ids[who]}${query}`)).text();
/** The page's section for a school channel, or '' when the person does not see it. */
const channel = (html: string, purpose: 'leadership' | 'agents') => /<section class="channel" data-purpose="(\w+)">[\s\S]*?<\/section>/g[Symbol.match](html)?.find((s) => s.includes(`data-purpose="${purpose}"`)) ?? '';

it('a teacher offers with a Danish date; the announcement is in the agents’ channel, seen only by its members', async () => {
  await post('/playground/command', { as: ids.teacher!, text: 'tilbyd' });
  const form = await page('teacher');
  expect(form).toContain('Tilbyd en lektion');
  expect(form).toContain('placeholder="dd.mm.åååå"');
  const res = await post('/playground/submit', { as: ids.teacher!, formId: 'booking.offer', 'field.date': '02.12.2026', 'field.start': '09:00', 'field.end': '09:45', 'field.classGroup': '4.a', 'field.subject': 'dansk' });
  expect(res.status).toBe(303);
  const slot = await server.runtime.db.slot.findFirstOrThrow({ where: { teacherId: ids.teacher } });
  expect(slot.startsAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
  await post('/playground/run-jobs', { as: ids.teacher! });

  expect(channel(await page('agent'), 'agents')).toContain('Tag den');
  expect(channel(await page('coordinator'), 'agents')).toContain('Tag den');
  expect(channel(await page('coordinator'), 'leadership')).not.toBe('');
  const teacherPage = await page('teacher');
  expect(teacherPage).not.toContain('data-purpose=');
  expect(teacherPage).not.toContain('Tag den');
  const leaderPage = await page('leader');
  expect(channel(leaderPage, 'leadership')).not.toBe('');
  expect(channel(leaderPage, 'agents')).toBe('');
  expect(leaderPage).not.toContain('Tag den');
  expect(await page('otherAgent')).not.toContain('Tag den');
});

it('"Annullér" closes the form and sends nothing', async () => {
  await post('/playground/command', { as: ids.teacher!, text: 'tilbyd' });
  expect(await page('teacher')).toContain('action="/playground/submit"');
  const jobs = await server.runtime.db.job.count();
  expect((await post('/playground/cancel', { as: ids.teacher!, formId: 'booking.offer', 'field.date': '03.12.2026' })).status).toBe(303);
  expect(await page('teacher')).not.toContain('action="/playground/submit"');
  expect(await server.runtime.db.job.count()).toBe(jobs);
});

it('keeps the conversation over a restart: the agent claims from the announcement shown before, and it changes in place', async () => {
  await server.stop();
  await start();
  const before = channel(await page('agent'), 'agents');
  expect(before).toContain('Tag den');
  const source = /name="source" value="(\d+)"/.exec(before)![1]!;
  const slot = await server.runtime.db.slot.findFirstOrThrow({ where: { teacherId: ids.teacher } });
  logLines.length = 0;
  await post('/playground/action', { as: ids.agent!, actionId: 'booking.claim', value: slot.id, source });
  await post('/playground/run-jobs', { as: ids.agent! });
  const after = await page('agent');
  expect(after).toContain('Den er din!');
  expect(channel(after, 'agents')).toContain('Taget af <strong>Mads Jørgensen</strong>.');
  expect(channel(after, 'agents')).not.toContain('Tag den');
  // Nothing went wrong on the way: no error and no stack trace in the log.
  expect(logLines.filter((l) => /"level":(50|60)|"stack"/.test(l))).toEqual([]);
});

it('a coordinator links a channel by writing in it; others cannot write in a channel they are not in', async () => {
  const coordinatorPage = await page('coordinator');
  const agentsChannelId = /name="channel" value="([^"]+:agents)"/.exec(channel(coordinatorPage, 'agents'))![1]!;
  await post('/playground/command', { as: ids.coordinator!, text: 'forbind ledelse Holsted Skole', channel: agentsChannelId });
  expect(await page('coordinator')).toContain('Denne kanal er nu');
  expect((await server.runtime.directory.channelTarget(schoolId, 'leadership', 'local'))?.channelId).toBe(agentsChannelId);

  // A teacher sending a channel it is not in is treated as writing to the bot directly.
  await post('/playground/command', { as: ids.teacher!, text: 'link agents Holsted Skole', channel: agentsChannelId });
  expect((await server.runtime.directory.channelTarget(schoolId, 'leadership', 'local'))?.channelId).toBe(agentsChannelId);
  expect(await page('teacher')).not.toContain('Denne kanal er nu');
});

it('?lang=en switches the page, the forms and the answers, and stays chosen', async () => {
  const cookie = (await fetch(`${server.url}/?as=${ids.teacher}&lang=en`)).headers.get('set-cookie')!.split(';')[0]!;
  await post('/playground/command', { as: ids.teacher!, text: 'help' }, { cookie });
  await post('/playground/command', { as: ids.teacher!, text: 'tilbyd' }, { cookie });
  const html = await (await fetch(`${server.url}/?as=${ids.teacher}`, { headers: { cookie } })).text();
  expect(html).toContain('<html lang="en">');
  expect(html).toContain('Offer a lesson');
  expect(html).toContain('How to use Sparring');
  expect(html).toContain('placeholder="dd.mm.yyyy"');
  // Back to Danish: the same form in Danish.
  expect(await page('teacher', '&lang=da')).toContain('Tilbyd en lektion');
});
