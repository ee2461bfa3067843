// The baseline of bench/startup.ts: a bare Bolt app (ExpressReceiver on express, one no-op listener)
// with a /healthz route, in plain JavaScript so nothing is compiled at run time. It never calls Slack
// (tokenVerificationEnabled: false), like Sparring's playground. Listens on PORT.
import express from 'express';
import bolt from '@slack/bolt';

const { App, ExpressReceiver, LogLevel } = bolt;
const app = express();
const receiver = new ExpressReceiver({ signingSecret: 'bench-signing-secret', app, logLevel: LogLevel.ERROR });
const bot = new App({ token: 'xoxb-bench', receiver, tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
bot.command(/.*/, async ({ ack }) => ack());
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
