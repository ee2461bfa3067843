// What people write and who they are never reaches the log, even at LOG_LEVEL=debug: the real
// Bolt app, Web API client and Socket Mode client log through the project's logger (at debug
// they would print whole request bodies, users.info answers and Socket Mode envelopes). A DM with
// a distinctive text and a Slack profile with a distinctive e-mail go through HTTP and Socket
// Mode, a message goes to someone found by e-mail, and the captured log must hold neither.
import { afterEach, describe, expect, it } from 'vitest';
import { plain } from '../../../src/core/i18n/text.js';
import { createLogger } from '../../../src/core/logger.js';
import { text } from '../../../src/core/messages.js';
import { envelope, FakeSocketMode } from './fake-socket-mode.js';
import { eventPayload, startHarness, type Harness } from './harness.js';
import { probe } from './probe-flow.js';

/** ASCII only, so no escaping in JSON or in Slack's mrkdwn can hide a leak from the search. */
const SECRET_TEXT = 'Oskar-var-ked-af-det-i-frikvarteret-7731';
const SECRET_EMAIL = 'pia.privat.5512@skole.dk';
const OTHER_EMAIL = 'bo.hemmelig.9090@skole.dk';

interface Captured {
  lines: string[];
  logger: ReturnType<typeof createLogger>;
}

function captureLog(): Captured {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', { write: (line: string) => void lines.push(line) }) };
}

/** The log as written, and its parsed records. */
function read(c: Captured): { all: string; records: { level: number; msg?: string }[] } {
  return { all: c.lines.join(''), records: c.lines.map((l) => JSON.parse(l) as { level: number; msg?: string }) };
}

function expectNothingPrivate(c: Captured, h: Harness): void {
  const { all, records } = read(c);
  // Honest: the log is there, at debug, with the SDKs' own lines about the very calls that carried
  // the private text — so without the filtering the secrets would be in it.
  expect(records.length).toBeGreaterThan(20);
  const debug = records.filter((r) => r.level === 20).map((r) => r.msg ?? '');
  expect(debug).toContain("apiCall('users.info') start");
  expect(debug).toContain("apiCall('chat.postMessage') start");
  expect(debug.some((m) => m.startsWith('http request body'))).toBe(true);
  expect(debug.some((m) => m.startsWith('http request result'))).toBe(true);
  // The scenario did carry them: the e-mail came back from users.info, the text went out in a DM.
  expect(JSON.stringify(h.fake.ok('chat.postMessage').map((c) => c.args))).toContain(SECRET_TEXT);
  expect(all).not.toContain(SECRET_TEXT);
  expect(all).not.toContain(SECRET_EMAIL);
  expect(all).not.toContain(OTHER_EMAIL);
}

describe('at LOG_LEVEL=debug', () => {
  let h: Harness | undefined;
  let socket: FakeSocketMode | undefined;

  afterEach(async () => {
    await h?.close();
    await socket?.stop();
    h = undefined;
    socket = undefined;
  });

  it('HTTP mode: a DM, a users.info e-mail and a message to someone found by e-mail stay out of the log', async () => {
    const log = captureLog();
    h = await startHarness({ flows: [probe().flow], logger: log.logger });
    // Not linked yet: the first DM makes the adapter ask users.info for the e-mail.
    const pia = await h.person({ name: 'Pia Privat', slackUserId: 'UPIA', email: SECRET_EMAIL, roles: [['teacher', 'Holmegaardskolen']], linked: 'none' });
    const res = await h.event({ type: 'message', channel_type: 'im', channel: 'DPIA', user: 'UPIA', text: `mine ${SECRET_TEXT}`, ts: '1764000900.000100' });
    expect(res.status).toBe(200);
    await h.settled();
    expect(h.fake.ok('users.info').map((c) => c.args.user)).toEqual(['UPIA']);
    expect(await h.runtime.db.platformIdentity.findFirst({ where: { personId: pia.personId, platform: 'slack', externalId: 'UPIA' } })).not.toBeNull();
    // Someone who never wrote to the bot is looked up by e-mail (users.lookupByEmail) and gets a DM.
    const bo = await h.person({ name: 'Bo Hemmelig', slackUserId: 'UBO', email: OTHER_EMAIL, roles: [['teacher', 'Holmegaardskolen']], linked: 'none' });
    expect(await h.runtime.chat.sendToPerson(bo.personId, () => ({ summary: SECRET_TEXT, blocks: [text(plain(SECRET_TEXT))] }))).toMatchObject({ platform: 'slack' });
    expect(h.fake.ok('users.lookupByEmail').map((c) => c.args.email)).toEqual([OTHER_EMAIL]);
    expectNothingPrivate(log, h);
  });

  it('Socket Mode: the envelope with the DM and the answer stay out of the log', async () => {
    const log = captureLog();
    socket = new FakeSocketMode();
    await socket.start();
    h = await startHarness({ flows: [probe().flow], logger: log.logger, socketMode: { appToken: 'xapp-1-A0SPARRING-1-abc', url: socket.url } });
    await h.person({ name: 'Pia Privat', slackUserId: 'UPIA', email: SECRET_EMAIL, roles: [['teacher', 'Holmegaardskolen']], linked: 'none' });
    const dm = eventPayload({ type: 'message', channel_type: 'im', channel: 'DPIA', user: 'UPIA', text: `mine ${SECRET_TEXT}`, ts: '1764000901.000100' });
    await socket.deliver(envelope('events_api', dm));
    await h.settled();
    expect(h.fake.ok('users.info').map((c) => c.args.user)).toEqual(['UPIA']);
    expect(read(log).records.some((r) => r.msg?.startsWith('Received a message on the WebSocket'))).toBe(true);
    expectNothingPrivate(log, h);
  });
});

describe('pino redaction', () => {
  it('drops e-mail, text, body and answers fields, also one level down and on errors', () => {
    const log = captureLog();
    log.logger.child({ platform: 'slack' }).warn(
      { email: SECRET_EMAIL, text: SECRET_TEXT, answers: { q1: SECRET_TEXT }, person: { email: OTHER_EMAIL }, err: Object.assign(new Error('request failed'), { body: SECRET_TEXT }) },
      'something failed',
    );
    const { all, records } = read(log);
    expect(records).toHaveLength(1);
    expect(all).toContain('something failed');
    expect(all).toContain('request failed');
    expect(all).not.toContain(SECRET_TEXT);
    expect(all).not.toContain(SECRET_EMAIL);
    expect(all).not.toContain(OTHER_EMAIL);
  });
});
