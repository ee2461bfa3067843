// Starts the real Teams adapter (teams-ai Application on botbuilder's CloudAdapter) on a loopback
// port with authentication off, next to the fake connector, and posts activities shaped like the ones
// Teams sends. Every card the bot sends is kept so tests can validate it with the adaptivecards SDK.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp, finishHttpApp, listen } from '../../../src/bot/http.js';
import { mountPersonalDataRoute } from '../../../src/bot/personal-data-route.js';
import type { TeamsDriver } from '../../../src/bot/teams/driver.js';
import { createTeamsAdapter } from '../../../src/bot/teams/index.js';
import type { Role } from '../../../src/core/directory.js';
import type { Logger } from '../../../src/core/logger.js';
import type { FlowFactory, RuntimeOptions } from '../../../src/runtime.js';
import { createScenario, type Scenario } from '../../support/scenario.js';
import { FakeConnector } from './fake-connector.js';

export const TENANT = 'tenant-1';
export const BOT = { id: '28:sparring-bot', name: 'Sparring' };

export interface TeamsUser {
  personId: string | null;
  aadObjectId: string;
  userId: string;
  name: string;
  /** The 1:1 conversation Teams has with this user. */
  personalConversationId: string;
}

let seq = 0;
const nextId = () => `${1_700_000_000_000 + ++seq}`;

export interface TeamsHarness {
  scenario: Scenario;
  fake: FakeConnector;
  url: string;
  server: Server;
  /** The Teams driver createTeamsAdapter made (its botbuilder adapter is `deps.adapter`). */
  driver: TeamsDriver;
  /** A roster person with a Teams identity (roster teams_aad_id), or a stranger when roles is omitted. */
  user(input: { name: string; email?: string; roles?: [Role, string][]; locale?: 'da' | 'en'; rosterAad?: boolean }): Promise<TeamsUser>;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  message(user: TeamsUser, text: string, where?: { channel?: string; team?: string }): Promise<{ status: number; body: any }>;
  invoke(user: TeamsUser, verb: string, data: Record<string, unknown>, opts?: { replyToId?: string; id?: string; channel?: string }): Promise<{ status: number; body: any }>;
  personalActivity(user: TeamsUser, extra: Record<string, unknown>): Record<string, unknown>;
  channelActivity(user: TeamsUser, channel: string, extra: Record<string, unknown>): Record<string, unknown>;
  /**
   * A restart of the bot: a new runtime and a new Teams adapter on a new port, on the same database
   * and the same fake connector; nothing kept in memory survives. `url`, `server` and `driver` change.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeams(
  options: {
    now?: string;
    flows?: FlowFactory[];
    appId?: string;
    appPassword?: string;
    /** ToBotFromChannelOpenIdMetadataUrl / ToBotFromChannelTokenIssuer: a local token service. */
    openIdMetadataUrl?: string;
    tokenIssuer?: string;
    signingKeysRetryMs?: number;
    /** How long a delivery waits for the connector's answer (the driver's default: 10 s). */
    answerWaitMs?: number;
    fake?: FakeConnector;
    /** Runtime configuration (e.g. `http.publicUrl` for the links flows hand out). */
    config?: Partial<RuntimeOptions['config']>;
    /** The runtime's logger (default silent). */
    logger?: Logger;
  } = {},
): Promise<TeamsHarness> {
  const scenario = await createScenario({ now: options.now, flows: options.flows, ...(options.config ? { config: options.config } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  const fake = options.fake ?? (await new FakeConnector().start());
  // The HTTP side as `sparring serve` has it for Teams: /api/messages and the own-data file route.
  const boot = async () => {
    const app = createHttpApp(scenario.runtime, { workerEnabled: false });
    mountPersonalDataRoute(app, scenario.runtime.personalDataFiles);
    const teams = createTeamsAdapter({
      runtime: scenario.runtime.adapter,
      teams: { appId: options.appId, appPassword: options.appPassword, appType: 'MultiTenant', openIdMetadataUrl: options.openIdMetadataUrl, tokenIssuer: options.tokenIssuer },
      env: 'test',
      app,
      defaultServiceUrl: fake.serviceUrl,
      ...(options.signingKeysRetryMs !== undefined ? { signingKeysRetryMs: options.signingKeysRetryMs } : {}),
      ...(options.answerWaitMs !== undefined ? { answerWaitMs: options.answerWaitMs } : {}),
    });
    scenario.runtime.chat.addDriver(teams.driver);
    finishHttpApp(app, scenario.runtime);
    const server = await listen(app, '127.0.0.1', 0);
    return { teams, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  let { teams, server, url } = await boot();

  const post = async (activity: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  };

  const base = (user: TeamsUser) => ({
    id: nextId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: fake.serviceUrl,
    channelId: 'msteams',
    from: { id: user.userId, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    locale: 'da-DK',
  });

  const personalActivity = (user: TeamsUser, extra: Record<string, unknown>) => ({
    ...base(user),
    conversation: { conversationType: 'personal', tenantId: TENANT, id: user.personalConversationId },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  });

  const channelActivity = (user: TeamsUser, channel: string, extra: Record<string, unknown>) => {
    const id = (extra.id as string | undefined) ?? nextId();
    return {
      ...base(user),
      id,
      conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${channel};messageid=${id}` },
      channelData: { teamsChannelId: channel, teamsTeamId: '19:team@thread.tacv2', channel: { id: channel }, team: { id: '19:team@thread.tacv2' }, tenant: { id: TENANT } },
      ...extra,
    };
  };

  let userSeq = 0;
  const harness: TeamsHarness = {
    scenario,
    fake,
    url,
    server,
    driver: teams.driver,
    async user({ name, email, roles, locale, rosterAad = true }) {
      userSeq += 1;
      const aadObjectId = `00000000-0000-4000-8000-${String(userSeq).padStart(12, '0')}`;
      const userId = `29:user-${userSeq}`;
      const mail = email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@skole.dk`;
      fake.members.set(userId, { id: userId, aadObjectId, name, email: mail, userPrincipalName: mail });
      let personId: string | null = null;
      if (roles) {
        const actor = await scenario.person({ name, email: mail, locale, roles });
        personId = actor.personId;
        // Only Teams here: the scenario's local identity would compete for direct messages.
        await scenario.runtime.db.platformIdentity.deleteMany({ where: { personId, platform: 'local' } });
        if (rosterAad) await scenario.runtime.directory.linkIdentity({ personId, platform: 'teams', tenantId: '', externalId: aadObjectId });
      }
      return { personId, aadObjectId, userId, name, personalConversationId: `a:personal-${userSeq}` };
    },
    post,
    message: (user, text, where) =>
      post(
        where?.channel
          ? channelActivity(user, where.channel, {
              type: 'message',
              text: `<at>Sparring</at> ${text}`,
              entities: [{ type: 'mention', mentioned: BOT, text: '<at>Sparring</at>' }],
            })
          : personalActivity(user, { type: 'message', text, textFormat: 'plain' }),
      ),
    invoke: (user, verb, data, opts = {}) => {
      const extra = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(opts.id ? { id: opts.id } : {}),
        ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
      return post(opts.channel ? channelActivity(user, opts.channel, { ...extra, id: opts.id ?? nextId() }) : personalActivity(user, extra));
    },
    personalActivity,
    channelActivity,
    async restart() {
      await teams.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scenario.restart();
      ({ teams, server, url } = await boot());
      Object.assign(harness, { url, server, driver: teams.driver });
    },
    async stop() {
      await teams.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.fake) await fake.stop();
      await scenario.cleanup();
    },
  };
  return harness;
}
