// The local playground: the bot in a browser, for trying Sparring without Slack or Teams (the
// default when no platform credentials are set). Pick a person from the roster, type commands,
// click buttons, fill in forms — the same flows run as on the real platforms. Messages live in
// memory; everything else (slots, jobs, reflections) is in the database.
import express, { type Express } from 'express';
import type { Actor, Interaction, SentRef } from '../../core/chat.js';
import { isLocale, type Locale } from '../../core/i18n/catalogue.js';
import type { Form, FormBuilder, MessageBuilder } from '../../core/messages.js';
import type { AdapterContext } from '../../core/adapter.js';
import { MemoryChat } from '../memory/driver.js';
import { escapeHtml, formHtml, messageHtml } from './render.js';
import { playgroundTexts as texts } from './texts.js';
import { roleName } from '../../core/texts.js';
import type { TimeControl, TravelResult } from '../../core/jobs/time-travel.js';
import { isTimeMove, moveTime, timeBarHtml } from './time.js';

export interface Playground {
  driver: MemoryChat;
  /** Loads the example data (null: not offered here — a real platform is configured). */
  loadDemo(): Promise<DemoResult | null>;
}

/** What loading the example data did (src/demo/load.ts); `loaded` false: someone is on the roster already. */
export type DemoResult = { loaded: false } | { loaded: true; people: number; courses: number; held: number; offered: number };

/**
 * The playground is an adapter that may also run the job worker on request (the "run jobs" button)
 * and, when it is the only platform, move time (`time`; never with Slack or Teams configured).
 */
export type PlaygroundContext = AdapterContext & {
  jobs: { tick(): Promise<unknown> };
  time?: TimeControl;
  /** Loads the example data; `peopleReady` runs once the roster is in, before lessons are offered. */
  demo?: (peopleReady: () => Promise<void>) => Promise<DemoResult>;
};

export async function createPlayground({ runtime, app }: { runtime: PlaygroundContext; app: Express }): Promise<Playground> {
  const chat = new MemoryChat();
  const openForms = new Map<string, { form: Form; errors: Record<string, string> }>();
  /** What each person's last time move did, shown once on their next page. */
  const lastMove = new Map<string, TravelResult | null>();
  /** What the example-data button did, shown once on the next page. */
  let demoNotice: DemoResult | null = null;
  await linkEveryoneLocally(runtime);

  // Everyone on the roster is linked locally under their own id (linkEveryoneLocally).
  const actorOf = (personId: string): Promise<Actor | null> => (personId ? runtime.inbound.identify({ platform: 'local', tenantId: '', userId: personId }) : Promise.resolve(null));

  const interaction = (actor: Actor, source?: SentRef): Interaction => ({
    actor,
    respond: async (build: MessageBuilder) => chat.interaction(actor).respond(build),
    openForm: async (build: FormBuilder) => {
      openForms.set(actor.personId, { form: build(actor.locale), errors: {} });
    },
    updateSource: async (build: MessageBuilder) => chat.interaction(actor, source).updateSource(build),
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

  router.get('/', async (req, res) => {
    // People imported while the server runs become reachable here too.
    await linkEveryoneLocally(runtime);
    const as = typeof req.query.as === 'string' ? req.query.as : '';
    const actor = as ? await actorOf(as) : null;
    const locale = langOf(req.query.lang) ?? actor?.locale ?? runtime.config.locale;
    const timeBar = runtime.time
      ? await timeBarHtml(runtime.time, { as, tz: runtime.config.timeZone, locale, municipalityId: actor?.municipalityId ?? null, last: lastMove.get(actor?.personId ?? '') })
      : '';
    lastMove.delete(actor?.personId ?? '');
    const notice = demoNotice ? `<p class="card notice" role="status">${escapeHtml(texts.plain(locale, demoNotice.loaded ? 'demoLoaded' : 'demoNotEmpty'))}</p>` : '';
    demoNotice = null;
    res.type('html').send(await page(runtime, chat, actor, openForms, langOf(req.query.lang), notice + timeBar));
  });

  router.post('/playground/command', async (req, res) => {
    const actor = await actorOf(String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    await runtime.dispatcher.command(actor, String(req.body.text ?? ''), interaction(actor), undefined);
    res.redirect(303, `/?as=${encodeURIComponent(actor.personId)}`);
  });

  router.post('/playground/action', async (req, res) => {
    const actor = await actorOf(String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    const source = req.body.source ? ({ platform: 'local', ref: String(req.body.source) } as SentRef) : undefined;
    await runtime.dispatcher.action({ actor, actionId: String(req.body.actionId ?? ''), value: String(req.body.value ?? '') }, interaction(actor, source));
    res.redirect(303, `/?as=${encodeURIComponent(actor.personId)}`);
  });

  router.post('/playground/submit', async (req, res) => {
    const actor = await actorOf(String(req.body.as ?? ''));
    if (!actor) return void res.redirect(303, '/');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (k.startsWith('field.')) values[k.slice(6)] = String(v);
    const formId = String(req.body.formId ?? '');
    const open = openForms.get(actor.personId);
    openForms.delete(actor.personId);
    const result = await runtime.dispatcher.submit(
      { actor, formId, values, privateValue: req.body.privateValue ? String(req.body.privateValue) : undefined },
      interaction(actor),
    );
    if (!result.ok && open) openForms.set(actor.personId, { form: { ...open.form, fields: open.form.fields.map((f) => ({ ...f, initial: values[f.id] ?? f.initial })) }, errors: result.errors });
    res.redirect(303, `/?as=${encodeURIComponent(actor.personId)}`);
  });

  // Time control: only mounted when the playground is the only platform (see serve.ts).
  if (runtime.time) {
    const time = runtime.time;
    router.post('/playground/time', async (req, res) => {
      const actor = await actorOf(String(req.body.as ?? ''));
      const move = req.body.move;
      if (!isTimeMove(move)) return void res.status(400).type('text').send(texts.plain(actor?.locale ?? runtime.config.locale, 'badMove'));
      const result = await moveTime(time, move, runtime.config.timeZone, actor?.municipalityId ?? null);
      lastMove.set(actor?.personId ?? '', result);
      res.redirect(303, actor ? `/?as=${encodeURIComponent(actor.personId)}` : '/');
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

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** A Host header naming this machine by a loopback name (127.x.x.x, localhost, [::1]) and this server's port. */
export function isOwnLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  const m = /^(\[::1\]|localhost|127(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/i.exec(host ?? '');
  return !!m && port !== undefined && Number(m[2] ?? 80) === port;
}

function langOf(v: unknown): Locale | undefined {
  return isLocale(v) ? v : undefined;
}

/** In the playground everyone on the roster is reachable locally, and every school has channels. */
async function linkEveryoneLocally(runtime: PlaygroundContext): Promise<void> {
  for (const personId of await runtime.directory.peopleWithoutIdentity('local')) {
    await runtime.directory.linkIdentity({ personId, platform: 'local', tenantId: '', externalId: personId });
  }
  for (const school of await runtime.directory.allSchools()) {
    for (const purpose of ['leadership', 'agents'] as const) {
      const existing = await runtime.directory.channelTarget(school.id, purpose, 'local');
      if (!existing) await runtime.directory.linkChannel({ schoolId: school.id, purpose, platform: 'local', tenantId: '', channelId: `${school.id}:${purpose}` });
    }
  }
}

async function page(
  runtime: PlaygroundContext,
  chat: MemoryChat,
  actor: Actor | null,
  openForms: Map<string, { form: Form; errors: Record<string, string> }>,
  lang?: Locale,
  timeBar = '',
): Promise<string> {
  const locale = lang ?? actor?.locale ?? runtime.config.locale;
  const t = (k: Parameters<typeof texts.plain>[1]) => escapeHtml(texts.plain(locale, k));
  const people = await runtime.directory.allActivePeople();
  const options = people
    .map((p) => `<option value="${escapeHtml(p.id)}"${actor?.personId === p.id ? ' selected' : ''}>${escapeHtml(p.name)} – ${escapeHtml(p.roles.map((r) => `${roleName(r.role, locale)}, ${r.school}`).join('; '))}</option>`)
    .join('');
  let body = '';
  if (people.length === 0) {
    const demo = runtime.demo ? `<form method="post" action="/playground/demo"><button class="primary">${t('loadDemo')}</button> <small>${t('loadDemoHint')}</small></form>` : '';
    body = `<p>${t('noPeople')}</p>${demo}`;
  }
  else if (actor) {
    const as = actor.personId;
    const open = openForms.get(as);
    const inbox = chat.messages.filter((m) => m.to === `person:${as}` || m.to === `ephemeral:${as}`).slice(-30).reverse();
    const schools = await runtime.directory.rolesOf(as);
    const home = await runtime.dispatcher.home(actor);
    const channelSections = [...new Map(schools.map((s) => [s.schoolId, s.schoolName])).entries()]
      .map(([schoolId, name]) =>
        (['leadership', 'agents'] as const)
          .map((purpose) => {
            const msgs = chat.toChannel(schoolId, purpose).slice(-10).reverse();
            if (msgs.length === 0) return '';
            return `<h3>${escapeHtml(name)} · ${t(purpose)}</h3>${msgs.map((m) => `<div class="card">${messageHtml(m.message, { as, source: m.id })}</div>`).join('')}`;
          })
          .join(''),
      )
      .join('');
    body = `${open ? formHtml(open.form, as, open.errors) : ''}
<form class="command" method="post" action="/playground/command"><input type="hidden" name="as" value="${escapeHtml(as)}">
<input name="text" autofocus placeholder="${t('command')}" aria-label="${t('command')}"><button class="primary">${t('send')}</button></form>
<div class="columns"><section><h2>${t('inbox')}</h2>${
      inbox.length
        ? inbox.map((m) => `<div class="card${m.to.startsWith('ephemeral') ? ' private' : ''}">${m.to.startsWith('ephemeral') ? `<small>${t('private')}</small>` : ''}${messageHtml(m.message, { as, source: m.id })}</div>`).join('')
        : `<p>${t('empty')}</p>`
    }</section>
<section><h2>${t('home')}</h2><div class="card">${messageHtml(home, { as })}</div>${channelSections ? `<h2>${t('channels')}</h2>${channelSections}` : ''}
<form method="post" action="/playground/run-jobs"><input type="hidden" name="as" value="${escapeHtml(as)}"><button>${t('runJobs')}</button></form></section></div>`;
  }
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${t('title')}</title><meta name="viewport" content="width=device-width">
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:72rem;color:#1d1d1f}header form{display:inline}.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.card{border:1px solid #ddd;border-radius:8px;padding:.5rem 1rem;margin:.5rem 0;background:#fff}.private{background:#f6f6fa}.context{color:#666;font-size:.9em}
.actions{display:flex;gap:.5rem;flex-wrap:wrap}.actions form{display:inline}button,.button{padding:.35rem .8rem;border-radius:6px;border:1px solid #999;background:#fafafa;cursor:pointer;text-decoration:none;color:inherit;font:inherit}
button.primary{background:#2b6a4f;color:#fff;border-color:#2b6a4f}button.danger{background:#b3261e;color:#fff;border-color:#b3261e}.command{display:flex;gap:.5rem;margin:1rem 0}.command input{flex:1;padding:.4rem}
.form label{display:block;margin-top:.6rem;font-weight:600}.form input,.form textarea,.form select{width:100%;padding:.3rem}.error{color:#b3261e}.notice{background:#e8f3ec}.time p{margin:.3rem 0}.quiet{background:#fff6d6;padding:.4rem .6rem;border-radius:6px}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{font-weight:600}</style></head>
<body><header><h1>${t('title')}</h1><form method="get" action="/"><label>${t('actAs')} <select name="as" onchange="this.form.submit()"><option value="">${t('choose')}</option>${options}</select></label><noscript><button>OK</button></noscript></form></header>
${timeBar}${body}</body></html>`;
}
