// The inbound pipeline every adapter uses (src/core/inbound.ts): repeats dropped, double clicks
// counted once, platform users matched to the roster by verified address within the municipality
// the workspace serves, linked once, and strangers answered politely — on a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../src/bot/memory/driver.js';
import type { InboundEvent } from '../../src/core/inbound.js';
import { createScenario, type Scenario } from '../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const slack = (userId: string, extra: Partial<InboundEvent> = {}): InboundEvent => ({ platform: 'slack', tenantId: 'T1', userId, ...extra });
const byAddress = (...addresses: string[]) => ({ lookup: async () => ({ addresses }) });

describe('inbound pipeline', () => {
  it('drops a repeated delivery id, per platform, also when both arrive at once', async () => {
    s = await createScenario({ flows: [] });
    await s.person({ name: 'Tina Thomsen', roles: [['teacher', 'Holmegårdsskolen']] });
    const { inbound } = s.runtime.adapter;
    expect((await inbound.receive(slack('U1', { deliveryId: 'Ev1' }))).kind).not.toBe('repeat');
    expect((await inbound.receive(slack('U1', { deliveryId: 'Ev1' }))).kind).toBe('repeat');
    expect((await inbound.receive({ ...slack('U1', { deliveryId: 'Ev1' }), platform: 'teams' })).kind).not.toBe('repeat');
    const racing = await Promise.all(Array.from({ length: 20 }, () => inbound.receive(slack('U1', { deliveryId: 'Ev2' }))));
    expect(racing.filter((r) => r.kind !== 'repeat')).toHaveLength(1);
  });

  it('counts a double click once, and the same click again after two seconds', async () => {
    s = await createScenario({ flows: [] });
    const { inbound } = s.runtime.adapter;
    const click = { click: 'msg-1:booking.claim:slot-1' };
    expect((await inbound.receive(slack('U1', click))).kind).not.toBe('repeat');
    expect((await inbound.receive(slack('U1', click))).kind).toBe('repeat');
    expect((await inbound.receive(slack('U2', click))).kind).not.toBe('repeat'); // another person
    s.clock.advance(2_001);
    expect((await inbound.receive(slack('U1', click))).kind).not.toBe('repeat');
  });

  it('finds a new Slack user by their verified address, links them, and knows them next time without asking', async () => {
    s = await createScenario({ flows: [] });
    const tina = await s.person({ name: 'Tina Thomsen', email: 'tina@skole.dk', roles: [['teacher', 'Holmegårdsskolen']] });
    const { inbound } = s.runtime.adapter;
    let asked = 0;
    const lookup = async () => {
      asked += 1;
      return { addresses: ['tina@skole.dk'] };
    };
    const first = await inbound.receive(slack('U7', { lookup }));
    expect(first).toEqual({ kind: 'person', actor: { personId: tina.personId, municipalityId: s.municipalityId, locale: 'da', platform: 'slack' } });
    expect(await s.runtime.directory.personByIdentity('slack', 'T1', 'U7')).toMatchObject({ id: tina.personId });
    expect((await inbound.receive(slack('U7', { lookup }))).kind).toBe('person');
    expect(asked).toBe(1);
  });

  it('keeps a private conversation reference current', async () => {
    s = await createScenario({ flows: [] });
    const tina = await s.person({ name: 'Tina Thomsen', email: 'tina@skole.dk', roles: [['teacher', 'Holmegårdsskolen']] });
    await s.runtime.adapter.inbound.receive(slack('U7', { ...byAddress('tina@skole.dk'), conversationRef: '{"channel":"D7"}' }));
    const target = (await s.runtime.directory.directTargets(tina.personId)).find((t) => t.platform === 'slack');
    expect(target?.conversationRef).toBe('{"channel":"D7"}');
  });

  it('takes the person of the municipality the workspace serves, and nobody when that is unclear', async () => {
    s = await createScenario({ flows: [] });
    // The same address on two municipalities' rosters.
    const other = await s.runtime.db.municipality.create({ data: { slug: 'slagelse', name: 'Slagelse Kommune' } });
    await s.runtime.db.person.create({ data: { municipalityId: other.id, email: 'delt@skole.dk', name: 'Delt Slagelse' } });
    const here = await s.person({ name: 'Delt Næstved', email: 'delt@skole.dk', roles: [['teacher', 'Holmegårdsskolen']] });
    // Workspace T1 serves the deployment's default municipality (naestved).
    const found = await s.runtime.adapter.inbound.receive(slack('U8', byAddress('delt@skole.dk')));
    expect(found).toMatchObject({ kind: 'person', actor: { personId: here.personId } });
    // A workspace that serves neither, in a deployment whose default is unknown: ambiguous → stranger.
    await s.runtime.db.municipality.update({ where: { id: s.municipalityId }, data: { slug: 'naestved-old' } });
    const unclear = await s.runtime.adapter.inbound.receive({ platform: 'slack', tenantId: 'T9', userId: 'U9', ...byAddress('delt@skole.dk') });
    expect(unclear.kind).toBe('stranger');
  });

  it('answers a stranger politely, naming the coordinator, and links nobody', async () => {
    s = await createScenario({ flows: [] });
    await s.person({ name: 'Karin Koordinator', email: 'karin@kommune.dk', roles: [['coordinator', 'Holmegårdsskolen']] });
    const who = await s.runtime.adapter.inbound.receive(slack('U404', byAddress('ukendt@andet.dk')));
    expect(who.kind).toBe('stranger');
    if (who.kind !== 'stranger') return;
    expect(messageText(who.answer('da'))).toContain('Karin Koordinator');
    expect(await s.runtime.db.platformIdentity.count({ where: { externalId: 'U404' } })).toBe(0);
  });

  it('treats a failing lookup as a stranger, not an error', async () => {
    s = await createScenario({ flows: [] });
    const who = await s.runtime.adapter.inbound.receive(slack('U5', { lookup: async () => Promise.reject(new Error('users.info failed')) }));
    expect(who.kind).toBe('stranger');
  });
});
