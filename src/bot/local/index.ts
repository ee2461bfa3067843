// The local playground: the bot in a browser, for trying Sparring without Slack or Teams (the
// default when no platform credentials are set). Pick a person from the roster, type commands,
// click buttons, fill in forms — the same flows run as on the real platforms. What the bot writes is
// kept in the database (chat.ts), so the conversation survives a restart; each person sees their own
// messages and the channels they would be a member of (visibility.ts). With the playground alone it
// can also move time (time.ts) and load example data.
import express, { type Express, type Request } from 'express';
import type { Actor, Interaction, SentRef } from '../../core/chat.js';
import type { ChatLog } from '../../core/chat-log.js';
import { isLocale, type Locale } from '../../core/i18n/catalogue.js';
import type { TimeControl, TravelResult } from '../../core/jobs/time-travel.js';
import type { FormBuilder } from '../../core/messages.js';
import type { AdapterContext } from '../../core/adapter.js';
import { channelAddress, personAddress, PlaygroundChat, privateAddress } from './chat.js';
import { pageHtml } from './page.js';
import { escapeHtml, isoDate } from './render.js';
import { playgroundTexts as texts } from './texts.js';
import { isTimeMove, moveTime, timeBarHtml } from './time.js';
import { channelsOf, localChannelId } from './visibility.js';

export interface Playground {
  driver: PlaygroundChat;
  /** Loads the example data (null: not offered here — a real platform is configured). */
  loadDemo(): Promise<DemoResult | null>;
}

/** What loading the example data did (src/demo/load.ts); `loaded` false: someone is on the roster already. */
export type DemoResult = { loaded: false } | { loaded: true; people: number; courses: number; held: number; offered: number };

/**
 * The playground is an adapter that may also run the job worker on request (the "run jobs" button),
 * keeps its chat in `chatLog`, and — when it is the only platform — moves time (`time`) and loads
 * example data (`demo`); never with Slack or Teams configured.
 */
export type PlaygroundContext = AdapterContext & {
  jobs: { tick(): Promise<unknown> };
  chatLog: ChatLog;
  time?: TimeControl;
  /** Loads the example data; `peopleReady` runs once the roster is in, before lessons are offered. */
  demo?: (peopleReady: () => Promise<void>) => Promise<DemoResult>;
};

/** A form someone has open: built again in the page's language each time it is shown. */
interface OpenForm {
  build: FormBuilder;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const MESSAGES_SHOWN = 30;
const LANG_COOKIE = 'sparring_lang';

export async function createPlayground({ runtime, app }: { runtime: PlaygroundContext; app: Express }): Promise<Playground> {
  const chat = new PlaygroundChat(runtime.chatLog);
  const openForms = new Map<string, OpenForm>();
  /** What each person's last time move did, shown once on their next page. */
  const lastMove = new Map<string, TravelResult | null>();
  /** What the example-data button did, shown once on the next page. */
  let demoNotice: DemoResult | null = null;
  await linkEveryoneLocally(runtime);

  // Everyone on the roster is linked locally under their own id (linkEveryoneLocally). The page's
  // language (?lang=, kept in a cookie) is the language the person acts in, forms and answers too.
  const actorOf = async (req: Request, personId: string): Promise<Actor | null> => {
    const identify = () => runtime.inbound.identify({ platform: 'local', tenantId: '', userId: personId });
    // Someone imported a moment ago is linked on first use.
    const actor = personId ? ((await identify()) ?? (await linkEveryoneLocally(runtime), await identify())) : null;
    const lang = langOf(req);
    return actor && lang ? { ...actor, locale: lang } : actor;
  };

  const interaction = (actor: Actor, source?: SentRef): Interaction =>
    chat.interaction(actor, source, async (build) => {
      openForms.set(actor.personId, { build, values: {}, errors: {} });
    });

  const router = express.Router();
  // The playground has no login: it answers only this machine, only under a loopback name (a
  // DNS-rebinding page on evil.example resolving to 127.0.0.1 sends its own name as Host), and only
  // requests from its own page (a web page elsewhere cannot make the browser act as someone).
  router.use((req, res, next) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (path !== '/' && path !== '/playground' && !path.startsWith('/playground/')) return next();
    const host = req.get('host');
    const origin = req.get('origin');
    const ok =
      isLoopback(req.socket.remoteAddress) &&
      isOwnLoopbackHost(host, req.socket.localPort) &&
      (origin === undefined || origin === `${req.protocol}://${host}`);
    if (!ok) return void res.status(403).type('text').send(texts.plain(runtime.config.locale, 'onlyLocal'));
    next();
  });
  // Only the playground's own forms: Slack's form-encoded requests on the same server must reach its
  // receiver unread (the signature covers the raw bytes).
  router.use('/playground', express.urlencoded({ extended: false, limit: '64kb' }));

  const home = (actor: Actor | null) => (actor ? `/?as=${encodeURIComponent(actor.personId)}` : '/');

  router.get('/', async (req, res) => {
    const queryLang = isLocale(req.query.lang) ? req.query.lang : undefined;
    if (queryLang) res.cookie(LANG_COOKIE, queryLang, { sameSite: 'strict', httpOnly: true, path: '/' });
    // People imported while the server runs become reachable here too.
    await linkEveryoneLocally(runtime);
    const as = typeof req.query.as === 'string' ? req.query.as : '';
    const actor = await actorOf(req, as);
    const locale = langOf(req) ?? actor?.locale ?? runtime.config.locale;
    const who = actor?.personId ?? '';
    let top = '';
    if (demoNotice) top += `<p class="card notice" role="status">${escapeHtml(texts.plain(locale, demoNotice.loaded ? 'demoLoaded' : 'demoNotEmpty'))}</p>`;
    demoNotice = null;
    if (runtime.time) top += await timeBarHtml(runtime.time, { as: who, tz: runtime.config.timeZone, locale, municipalityId: actor?.municipalityId ?? null, last: lastMove.get(who) });
    lastMove.delete(who);
    res.type('html').send(pageHtml({ locale, as: actor?.personId ?? null, top, demo: !!runtime.demo, people: await runtime.directory.allActivePeople(), ...(actor ? await personView(actor) : { inbox: [], channels: [] }) }));
  });

  /** What one person sees: their open form, their messages, their home and their channels. */
  const personView = async (actor: Actor) => {
    const open = openForms.get(actor.personId);
    const form = open ? { form: withValues(open.build(actor.locale), open.values), errors: open.errors } : undefined;
    const roles = await runtime.directory.rolesOf(actor.personId);
    const channels = await Promise.all(
      channelsOf(roles).map(async (c) => {
        const channelId = (await runtime.directory.channelTarget(c.schoolId, c.purpose, 'local'))?.channelId ?? localChannelId(c.schoolId, c.purpose);
        return { ...c, channelId, messages: await runtime.chatLog.recent([channelAddress(channelId)], 10) };
      }),
    );
    return {
      ...(form ? { form } : {}),
      inbox: await runtime.chatLog.recent([personAddress(actor.personId), privateAddress(actor.personId)], MESSAGES_SHOWN),
      home: await runtime.dispatcher.home(actor),
      channels,
    };
  };

  router.post('/playground/command', async (req, res) => {
    const actor = await actorOf(req, String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    // Typed in a channel the person is a member of: the flows see where (linking a channel needs it).
    const channelId = String(req.body.channel ?? '');
    const channel = channelId && (await memberOf(actor, channelId)) ? { platform: 'local', tenantId: '', channelId } : undefined;
    await runtime.dispatcher.command(actor, String(req.body.text ?? ''), interaction(actor), channel);
    res.redirect(303, home(actor));
  });

  /** Whether the person sees this channel on the page (so may write in it). */
  const memberOf = async (actor: Actor, channelId: string) => {
    for (const c of channelsOf(await runtime.directory.rolesOf(actor.personId))) {
      const id = (await runtime.directory.channelTarget(c.schoolId, c.purpose, 'local'))?.channelId ?? localChannelId(c.schoolId, c.purpose);
      if (id === channelId) return true;
    }
    return false;
  };

  router.post('/playground/action', async (req, res) => {
    const actor = await actorOf(req, String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    const source = req.body.source ? ({ platform: 'local', ref: String(req.body.source) } as SentRef) : undefined;
    await runtime.dispatcher.action({ actor, actionId: String(req.body.actionId ?? ''), value: String(req.body.value ?? '') }, interaction(actor, source));
    res.redirect(303, home(actor));
  });

  router.post('/playground/submit', async (req, res) => {
    const actor = await actorOf(req, String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    const open = openForms.get(actor.personId);
    const dates = new Set(open?.build(actor.locale).fields.filter((f) => f.type === 'date').map((f) => f.id));
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
      if (!k.startsWith('field.')) continue;
      const id = k.slice(6);
      // Dates are typed the Danish way (26.10.2026); the flows read ISO dates.
      values[id] = dates.has(id) ? isoDate(String(v)) : String(v);
    }
    openForms.delete(actor.personId);
    const result = await runtime.dispatcher.submit(
      { actor, formId: String(req.body.formId ?? ''), values, privateValue: req.body.privateValue ? String(req.body.privateValue) : undefined },
      interaction(actor),
    );
    // Refused: the same form again, with what was typed and the reasons next to the fields.
    if (!result.ok && open) openForms.set(actor.personId, { build: open.build, values, errors: result.errors });
    res.redirect(303, home(actor));
  });

  // "Annullér": the form closes and nothing is sent.
  router.post('/playground/cancel', async (req, res) => {
    const actor = await actorOf(req, String(req.body.as ?? ''));
    if (actor) openForms.delete(actor.personId);
    res.redirect(303, home(actor));
  });

  // Time control: only mounted when the playground is the only platform (see serve.ts).
  if (runtime.time) {
    const time = runtime.time;
    router.post('/playground/time', async (req, res) => {
      const actor = await actorOf(req, String(req.body.as ?? ''));
      const move = req.body.move;
      if (!isTimeMove(move)) return void res.status(400).type('text').send(texts.plain(actor?.locale ?? runtime.config.locale, 'badMove'));
      const result = await moveTime(time, move, runtime.config.timeZone, actor?.municipalityId ?? null);
      lastMove.set(actor?.personId ?? '', result);
      res.redirect(303, home(actor));
    });
  }

  router.post('/playground/run-jobs', async (req, res) => {
    await runtime.jobs.tick();
    res.redirect(303, `/?as=${encodeURIComponent(String(req.body.as ?? ''))}`);
  });

  const loadDemo = async (): Promise<DemoResult | null> => (runtime.demo ? runtime.demo(() => linkEveryoneLocally(runtime)) : null);
  router.post('/playground/demo', async (_req, res) => {
    const result = await loadDemo();
    if (result === null) return void res.status(404).end();
    demoNotice = result;
    res.redirect(303, '/');
  });

  app.use(router);
  return { driver: chat, loadDemo };
}

/** The form with what the person typed (dates back in the Danish way they typed them). */
function withValues(form: ReturnType<FormBuilder>, values: Record<string, string>): ReturnType<FormBuilder> {
  return { ...form, fields: form.fields.map((f) => ({ ...f, initial: values[f.id] ?? f.initial })) };
}

/** The page's language: ?lang= on this request, else the one chosen before (a cookie). */
function langOf(req: Request): Locale | undefined {
  if (isLocale(req.query.lang)) return req.query.lang;
  const m = /(?:^|;\s*)sparring_lang=(da|en)(?:;|$)/.exec(req.get('cookie') ?? '');
  return m ? (m[1] as Locale) : undefined;
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** A Host header naming this machine by a loopback name (127.x.x.x, localhost, [::1]) and this server's port. */
export function isOwnLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  const m = /^(\[::1\]|localhost|127(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/i.exec(host ?? '');
  return !!m && port !== undefined && Number(m[2] ?? 80) === port;
}

/** In the playground everyone on the roster is reachable locally, and every school has channels. */
async function linkEveryoneLocally(runtime: PlaygroundContext): Promise<void> {
  for (const personId of await runtime.directory.peopleWithoutIdentity('local')) {
    await runtime.directory.linkIdentity({ personId, platform: 'local', tenantId: '', externalId: personId });
  }
  for (const school of await runtime.directory.allSchools()) {
    for (const purpose of ['leadership', 'agents'] as const) {
      const existing = await runtime.directory.channelTarget(school.id, purpose, 'local');
      if (!existing) await runtime.directory.linkChannel({ schoolId: school.id, purpose, platform: 'local', tenantId: '', channelId: localChannelId(school.id, purpose) });
    }
  }
}
