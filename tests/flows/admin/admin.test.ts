// The coordinator links channels to schools and sees who the bot cannot reach; nobody else can.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { createAdminFlow } from '../../../src/flows/admin/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const inChannel = { platform: 'slack', tenantId: 'T1', channelId: 'C-LEDELSE' };

describe('coordinator commands', () => {
  it('links the channel a coordinator types "forbind ledelse <skole>" in, and records it as the leadership channel of that school', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    const coordinator = await s.person({ name: 'Karen Østergaard', roles: [['coordinator', 'Herlufsholm Skole']] });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'forbind ledelse herlufsholm skole', ix, inChannel);
    expect(messageText(ix.responses[0]!)).toContain('Denne kanal er nu ledelseskanal for Herlufsholm Skole');
    const schoolId = await s.school('Herlufsholm Skole');
    expect(await s.runtime.directory.channelTarget(schoolId, 'leadership')).toMatchObject({ platform: 'slack', tenantId: 'T1', channelId: 'C-LEDELSE' });
  });

  it('answers in English, lists the schools for an unknown one, and needs a channel', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    await s.school('Kobberbakkeskolen');
    const coordinator = await s.person({ name: 'Karen', locale: 'en', roles: [['coordinator', 'Herlufsholm Skole']] });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'link agents Atlantis', ix, inChannel);
    await s.runtime.dispatcher.command(coordinator, 'link agents Herlufsholm Skole', ix, undefined);
    expect(ix.responses.map(messageText)).toEqual([
      expect.stringContaining('I don\'t know the school "Atlantis". The schools in the municipality are: Herlufsholm Skole, Kobberbakkeskolen.'),
      expect.stringContaining('Type *link* in the channel itself'.replace(/\*/g, '')),
    ]);
  });

  it('refuses a teacher and names the coordinator; links nothing', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    await s.person({ name: 'Karen Østergaard', email: 'karen@naestved.dk', roles: [['coordinator', 'Herlufsholm Skole']] });
    const teacher = await s.person({ name: 'Jens Hansen', roles: [['teacher', 'Herlufsholm Skole']] });
    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.command(teacher, 'forbind ledelse Herlufsholm Skole', ix, inChannel);
    await s.runtime.dispatcher.command(teacher, 'status', ix);
    expect(messageText(ix.responses[0]!)).toContain('kun programkoordinatoren');
    expect(messageText(ix.responses[0]!)).toContain('Karen Østergaard (karen@naestved.dk)');
    expect(await s.runtime.directory.channelTarget(await s.school('Herlufsholm Skole'), 'leadership')).toBeNull();
  });

  it('shows unreachable people and failed jobs in the status', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    const coordinator = await s.person({ name: 'Karen', roles: [['coordinator', 'Herlufsholm Skole']] });
    const teacher = await s.person({ name: 'Mette Ærø', email: 'mette@skole.dk', roles: [['teacher', 'Herlufsholm Skole']] });
    s.chat.unreachable.add(teacher.personId);
    await expect(s.runtime.chat.sendToPerson(teacher.personId, () => ({ summary: 'x', blocks: [] }))).rejects.toThrow(/user_not_found/);
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'status', ix);
    const out = messageText(ix.responses[0]!);
    expect(out).toContain('Jeg kan ikke nå 1 medarbejder:');
    expect(out).toContain('Mette Ærø (mette@skole.dk) – user_not_found');
    // …and the router no longer tries to reach her.
    expect(await s.runtime.chat.sendToPerson(teacher.personId, () => ({ summary: 'x', blocks: [] }))).toBeNull();
  });

  it('shows deliveries that failed after a day of trying: how many and when the oldest gave up, never their text', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    const coordinator = await s.person({ name: 'Karen', roles: [['coordinator', 'Herlufsholm Skole']] });
    const failedJob = (key: string, finishedAt: string) => ({
      kind: 'chat.deliver',
      payload: JSON.stringify({ to: { person: coordinator.personId }, locale: 'da', message: { summary: 'Fortrolig refleksion', blocks: [] } }),
      idempotencyKey: key,
      dueAt: new Date(finishedAt),
      requestedAt: new Date(finishedAt),
      status: 'failed',
      finishedAt: new Date(finishedAt),
      lastError: 'TransientDeliveryError: platform answered 503',
    });
    await s.runtime.db.job.create({ data: { ...failedJob('d:1', '2026-11-20T10:00:00Z'), municipalityId: s.municipalityId } });
    await s.runtime.db.job.create({ data: failedJob('d:2', '2026-11-22T10:00:00Z') });
    // Another municipality's failure is hers to see, not Karen's.
    const other = await s.runtime.db.municipality.create({ data: { name: 'Slagelse', slug: 'slagelse' } });
    await s.runtime.db.job.create({ data: { ...failedJob('d:3', '2026-11-18T10:00:00Z'), municipalityId: other.id } });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'status', ix);
    const out = messageText(ix.responses[0]!);
    expect(out).toContain('*2* beskeder kom ikke frem'.replace(/\*/g, ''));
    expect(out).toContain('20. november 2026');
    expect(out).toContain('npx sparring deliveries retry --all');
    expect(out).not.toContain('Fortrolig refleksion');
  });

  it('lists staff Sparring has never been able to reach (e.g. the Teams app not installed for them)', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    const coordinator = await s.person({ name: 'Karen', roles: [['coordinator', 'Herlufsholm Skole']] });
    // On the roster, but never seen on any platform this deployment runs.
    await s.runtime.db.person.create({ data: { municipalityId: s.municipalityId, email: 'ole@skole.dk', name: 'Ole Ukendt' } });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'status', ix);
    const out = messageText(ix.responses[0]!);
    expect(out).toContain('Sparring har endnu ikke kontakt til 1 medarbejder –');
    expect(out).toContain('Ole Ukendt (ole@skole.dk)');
    expect(out).not.toContain('Jeg kan nå alle');
  });

  it('sets a school bell schedule with "ringetider", refuses bad times and shows the current one', async () => {
    s = await createScenario({ flows: [createAdminFlow] });
    const coordinator = await s.person({ name: 'Karen', roles: [['coordinator', 'Holsted Skole']] });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'ringetider Holsted Skole 08:00 8.50 10:00', ix);
    await s.runtime.dispatcher.command(coordinator, 'ringetider Holsted Skole 09:00 08:00', ix);
    await s.runtime.dispatcher.command(coordinator, 'ringetider holsted skole', ix);
    expect(ix.responses.map(messageText)).toEqual([
      expect.stringContaining('Gemt. Ringetider for Holsted Skole – lektion 1: 08:00, 2: 08:50, 3: 10:00.'),
      expect.stringContaining('"08:00" kan ikke bruges'),
      expect.stringContaining('Ringetider for Holsted Skole – lektion 1: 08:00, 2: 08:50, 3: 10:00.'),
    ]);
    const school = await s.runtime.db.school.findFirstOrThrow({ where: { name: 'Holsted Skole' } });
    expect(JSON.parse(school.lessonTimes!)).toEqual(['08:00', '08:50', '10:00']);
  });
});
