// `sparring deliveries list|retry`: the operator sees which messages failed after a day of trying
// (who for, when, why — never what they said) and puts them back in the queue.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deliveries } from '../../src/cli/deliveries.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext } from './helpers.js';

let t: TestDatabase;
let failedId: string;
beforeEach(async () => {
  t = await createTestDatabase();
  const m = await t.db.municipality.create({ data: { slug: 'naestved', name: 'Næstved Kommune' } });
  const person = await t.db.person.create({ data: { municipalityId: m.id, name: 'Mette Ærø', email: 'mette@skole.dk' } });
  const job = (key: string, status: string) => ({
    kind: 'chat.deliver',
    payload: JSON.stringify({ to: { person: person.id }, locale: 'da', message: { summary: 'Din fortrolige refleksion', blocks: [] } }),
    idempotencyKey: key,
    dueAt: new Date('2026-11-23T09:00:00Z'),
    requestedAt: new Date('2026-11-23T09:00:00Z'),
    status,
    attempts: 52,
    failingSince: new Date('2026-11-23T09:00:00Z'),
    finishedAt: status === 'failed' ? new Date('2026-11-24T09:10:00Z') : null,
    lastError: 'TransientDeliveryError: Slack unreachable: 503',
  });
  failedId = (await t.db.job.create({ data: job('d:failed', 'failed') })).id;
  await t.db.job.create({ data: job('d:done', 'done') });
});
afterEach(() => t.cleanup());

const run = async (args: string[], locale?: 'en') => {
  const { ctx, stdout, stderr } = makeContext(t.target, args);
  if (locale) ctx.config.locale = locale;
  const code = await deliveries(ctx, { db: t.db, now: new Date('2026-12-01T08:00:00Z') });
  return { code, out: stdout.text, err: stderr.text };
};

it('lists failed deliveries with recipient, time (Copenhagen), tries and error — not the message or the e-mail', async () => {
  const { code, out } = await run(['list']);
  expect(code).toBe(0);
  expect(out).toContain('1 besked kom ikke frem:');
  expect(out).toContain(`${failedId}  til Mette Ærø  opgivet 2026-11-24 10:10  52 forsøg  TransientDeliveryError: Slack unreachable: 503`);
  expect(out).not.toContain('fortrolige');
  expect(out).not.toContain('mette@skole.dk');
  expect((await run(['list'], 'en')).out).toContain('1 message did not get through:');
});

it('retry --id puts one back in the queue, due now, with a fresh day of tries; an unknown id changes nothing', async () => {
  expect(await run(['retry', '--id', 'nope'])).toMatchObject({ code: 1, err: expect.stringContaining('Der er ingen fejlet besked med id "nope"') });
  expect((await t.db.job.findUnique({ where: { id: failedId } }))!.status).toBe('failed');
  const { code, out } = await run(['retry', '--id', failedId]);
  expect(code).toBe(0);
  expect(out).toContain('1 besked er sat i kø igen');
  expect(await t.db.job.findUnique({ where: { id: failedId } })).toMatchObject({ status: 'pending', attempts: 0, failingSince: null, finishedAt: null, dueAt: new Date('2026-12-01T08:00:00Z') });
  expect((await run(['list'])).out).toContain('Ingen beskeder har fejlet');
});

it('retry --all takes every failed delivery and leaves done ones alone', async () => {
  expect((await run(['retry', '--all'])).out).toContain('1 besked er sat i kø igen');
  expect(await t.db.job.count({ where: { status: 'pending' } })).toBe(1);
  expect(await t.db.job.count({ where: { status: 'done' } })).toBe(1);
});

it('refuses unclear arguments with the usage and changes nothing', async () => {
  for (const args of [[], ['retry'], ['retry', '--id', failedId, '--all'], ['list', '--all'], ['slet']]) {
    const r = await run(args);
    expect(r.code, args.join(' ')).toBe(64);
    expect(r.err).toContain('Brug: sparring deliveries list');
  }
  expect((await t.db.job.findUnique({ where: { id: failedId } }))!.status).toBe('failed');
});

it('names a wrong or incomplete flag, in English too', async () => {
  expect(await run(['retry', '--id'])).toMatchObject({ code: 64, err: expect.stringMatching(/^Tilvalget --id skal have en værdi\.\n\nBrug: sparring deliveries list/) });
  expect(await run(['retry', '--every'], 'en')).toMatchObject({ code: 64, err: expect.stringMatching(/^Unknown option '--every'\.\n\nUsage: sparring deliveries list/) });
  expect(await run(['list', '--all=yes'], 'en')).toMatchObject({ code: 64, err: expect.stringContaining('Option --all does not take a value.') });
});
