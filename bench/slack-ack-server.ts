// The processes of bench/slack-ack.ts, each in its own child so no two share an event loop.
// Mode "fake": the fake Slack Web API (and response_url endpoints). Mode "sparring": the real Slack
// adapter with a real SQLite database, the runtime and a small flow (the one the tests use), plus
// GET /bench/settled, which answers once every listener has finished. Mode "bare": a bare Bolt
// app on the same express stack whose listeners only ack. Prints "READY <port>".
import express from 'express';
import { setPriority } from 'node:os';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { createHttpApp, finishHttpApp, listen } from '../src/bot/http.js';
import { createSlackAdapter } from '../src/bot/slack/index.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { createRuntime } from '../src/runtime.js';
import { createTestDatabase } from '../tests/support/database.js';
import { startFakeSlack } from '../tests/bot/slack/fake-slack.js';
import { probe } from '../tests/bot/slack/probe-flow.js';
import { prepareSqlite, tuneConnection } from '../src/store/client.js';

export const BENCH_SECRET = 'bench-signing-secret';
export const BENCH_USERS = 50;

async function main(): Promise<void> {
  const [mode, fakeUrl = ''] = process.argv.slice(2);
  let port: number;
  if (mode === 'fake') {
    // Slack's servers are not on the bot's machine: the stand-in must not take CPU from the servers measured.
    setPriority(10);
    const fake = await startFakeSlack();
    port = Number(new URL(fake.url).port);
    // Nobody reads the records in a benchmark; keep memory flat.
    setInterval(() => fake.reset(), 1000).unref();
  } else if (mode === 'bare') {
    const app = express();
    const receiver = new ExpressReceiver({ signingSecret: BENCH_SECRET, app, logLevel: LogLevel.ERROR });
    const bolt = new App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: `${fakeUrl}/api/` }, logLevel: LogLevel.ERROR });
    bolt.command(/.*/, async ({ ack }) => ack());
    bolt.action(/.*/, async ({ ack }) => ack());
    const server = await listen(app, '127.0.0.1', 0);
    port = (server.address() as AddressInfo).port;
  } else if (mode === 'sparring') {
    const database = await createTestDatabase();
    // As `sparring serve` runs it: WAL (prepareSqlite) and synchronous=NORMAL (tuneConnection).
    await prepareSqlite(database.target);
    await tuneConnection(database.db, database.target);
    const p = probe();
    const runtime = await createRuntime({
      config: { timeZone: 'Europe/Copenhagen', locale: 'da', defaultMunicipality: 'naestved' },
      db: database.db,
      clock: systemClock,
      logger: silentLogger,
      flows: [p.flow],
    });
    const m = await runtime.db.municipality.create({ data: { slug: 'naestved', name: 'Næstved Kommune' } });
    const school = await runtime.db.school.create({ data: { name: 'Holmegaardskolen', municipalityId: m.id } });
    for (let i = 0; i < BENCH_USERS; i++) {
      const person = await runtime.db.person.create({ data: { municipalityId: m.id, name: `Lærer ${i}`, email: `laerer${i}@skole.dk` } });
      await runtime.db.membership.create({ data: { personId: person.id, schoolId: school.id, role: i % 5 === 0 ? 'learning_agent' : 'teacher' } });
      await runtime.directory.linkIdentity({ personId: person.id, platform: 'slack', tenantId: '', externalId: `UB${i}` });
    }
    const app = createHttpApp(runtime, { workerEnabled: false });
    const slack = { botToken: 'xoxb-bench', signingSecret: BENCH_SECRET, apiUrl: `${fakeUrl}/api/` };
    const adapter = createSlackAdapter({ runtime: runtime.adapter, slack, app });
    runtime.chat.addDriver(adapter.driver);
    await adapter.start();
    app.get('/bench/settled', async (_req, res) => {
      await adapter.settled();
      res.json({ ok: true });
    });
    finishHttpApp(app, runtime);
    const server = await listen(app, '127.0.0.1', 0);
    port = (server.address() as AddressInfo).port;
  } else {
    throw new Error('usage: slack-ack-server.ts fake | sparring <fake url> | bare <fake url>');
  }
  process.stdout.write(`READY ${port}\n`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
