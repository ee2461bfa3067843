// `npm start` without credentials: the real server on loopback with the local playground. A person
// picks themselves, types a command and gets the answer — over HTTP, and in Chromium when installed.
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { launchChromium, skipBrowser } from '../../support/browser.js';

let dir: string;
let server: RunningServer;
let teacherId: string;
let coordinatorId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-playground-'));
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'sparring.db')}`, PORT: '0', SPARRING_WORKER: 'false' });
  server = await startServer(config, { logger: silentLogger });
  // Staff imported while the server is running (as `sparring roster import` would do).
  const db = server.runtime.db;
  const m = await db.municipality.create({ data: { slug: 'naestved', name: 'Næstved' } });
  const school = await db.school.create({ data: { name: 'Holsted Skole', municipalityId: m.id } });
  const teacher = await db.person.create({ data: { municipalityId: m.id, email: 'anne@skole.dk', name: 'Anne Sørensen' } });
  const coordinator = await db.person.create({ data: { municipalityId: m.id, email: 'karen@kommune.dk', name: 'Karen Østergaard', locale: 'en' } });
  await db.membership.createMany({ data: [{ personId: teacher.id, schoolId: school.id, role: 'teacher' }, { personId: coordinator.id, schoolId: school.id, role: 'coordinator' }] });
  teacherId = teacher.id;
  coordinatorId = coordinator.id;
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(path: string, form: Record<string, string>) {
  return fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
}

describe('local playground', () => {
  it('lists the roster, answers a typed Danish command, and escapes what people type', async () => {
    const start = await (await fetch(`${server.url}/`)).text();
    expect(start).toContain('Sparring – lokal legeplads');
    expect(start).toContain('Anne Sørensen – lærer, Holsted Skole');

    const res = await post('/playground/command', { as: teacherId, text: 'hjælp' });
    expect(res.status).toBe(303);
    const page = await (await fetch(`${server.url}/?as=${teacherId}`)).text();
    expect(page).toContain('Sådan bruger du Sparring');

    await post('/playground/command', { as: teacherId, text: '<script>alert(1)</script>' });
    const after = await (await fetch(`${server.url}/?as=${teacherId}`)).text();
    expect(after).toContain('Jeg kender ikke kommandoen &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(after).not.toContain('<script>alert(1)</script>');
  });

  it('answers in the person’s own language and refuses coordinator commands to others', async () => {
    await post('/playground/command', { as: coordinatorId, text: 'status' });
    expect(await (await fetch(`${server.url}/?as=${coordinatorId}`)).text()).toContain('Sparring status');
    await post('/playground/command', { as: teacherId, text: 'status' });
    expect(await (await fetch(`${server.url}/?as=${teacherId}`)).text()).toContain('Det er kun programkoordinatoren');
  });

  it('serves health and metrics next to the playground', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', worker: 'disabled', lastTick: null });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/sparring_jobs\{state="pending"\} \d+/);
    expect(metrics).toContain('sparring_messages_sent_total');
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });

  it('serves the privacy statement and terms the Teams manifest links to, in Danish and English', async () => {
    const da = await (await fetch(`${server.url}/privacy`)).text();
    expect(da).toContain('Data bruges til udvikling, ikke til kontrol.');
    const en = await (await fetch(`${server.url}/privacy`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })).text();
    expect(en).toContain('Data are for development, not control.');
    expect(await (await fetch(`${server.url}/terms?lang=en`)).text()).toContain('Sparring – terms of use');
  });

  it.skipIf(skipBrowser)('works in a real browser: pick a person, type a command, read the answer (skipped outside CI without /usr/bin/chromium)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      await page.selectOption('select[name="as"]', teacherId);
      await page.waitForURL(/as=/);
      await page.fill('input[name="text"]', 'mine');
      await page.press('input[name="text"]', 'Enter');
      await page.waitForLoadState('load');
      await page.fill('input[name="text"]', 'help');
      await page.press('input[name="text"]', 'Enter');
      await page.locator('h3', { hasText: 'Sådan bruger du Sparring' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.locator('.card', { hasText: 'Sådan bruger du Sparring' }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(dir, 'playground.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

describe('local playground: only for this machine', () => {
  it('refuses form posts from another site (a web page cannot act as someone)', async () => {
    const res = await fetch(`${server.url}/playground/command`, {
      method: 'POST',
      body: new URLSearchParams({ as: teacherId, text: 'hjælp' }),
      headers: { Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Legepladsen kan kun bruges fra denne maskine.');
    const same = await fetch(`${server.url}/playground/command`, { method: 'POST', body: new URLSearchParams({ as: teacherId, text: 'hjælp' }), headers: { Origin: server.url }, redirect: 'manual' });
    expect(same.status).toBe(303);
  });
});

/** A raw HTTP request to the server with any Host header (fetch does not let a test forge Host). */
function raw(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), method, path, headers: { ...headers, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('local playground: DNS rebinding', () => {
  // A page on rebind.evil.example whose name now resolves to 127.0.0.1: the browser connects to the
  // playground from this machine but names the attacker's host (and sends its own Origin).
  it('refuses a foreign Host name on GET and POST, even with a matching Origin', async () => {
    const port = new URL(server.url).port;
    const evil = `rebind.evil.example:${port}`;
    const page = await raw('GET', `/?as=${teacherId}`, { Host: evil });
    expect(page.status).toBe(403);
    expect(page.body).toBe('Legepladsen kan kun bruges fra denne maskine.');
    expect(page.body).not.toContain('Anne');

    const before = await server.runtime.db.job.count();
    const post = await raw('POST', '/playground/command', { Host: evil, Origin: `http://${evil}` }, new URLSearchParams({ as: teacherId, text: 'tilbyd' }).toString());
    expect(post.status).toBe(403);
    const action = await raw('POST', '/playground/run-jobs', { Host: evil, Origin: `http://${evil}` }, new URLSearchParams({ as: teacherId }).toString());
    expect(action.status).toBe(403);
    expect(await server.runtime.db.job.count()).toBe(before);
  });

  it('refuses a loopback name with another port, and a mismatching Origin', async () => {
    const port = new URL(server.url).port;
    expect((await raw('GET', '/', { Host: `127.0.0.1:${Number(port) === 1 ? 2 : 1}` })).status).toBe(403);
    expect((await raw('GET', '/', { Host: '127.0.0.1' })).status).toBe(403);
    expect((await raw('GET', '/', { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw('POST', '/playground/command', { Host: `localhost:${port}`, Origin: `http://127.0.0.1:${port}` }, 'as=x&text=help')).status).toBe(403);
  });

  it('answers the loopback names of this server: 127.0.0.1, localhost and [::1]', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const page = await raw('GET', `/?as=${teacherId}`, { Host: host });
      expect(page.status, host).toBe(200);
      expect(page.body).toContain('Sparring – lokal legeplads');
      const post = await raw('POST', '/playground/command', { Host: host, Origin: `http://${host}` }, new URLSearchParams({ as: teacherId, text: 'hjælp' }).toString());
      expect(post.status, host).toBe(303);
    }
  });

  it('does not mount the playground on an address other machines can reach', async () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: the local playground has no login and only listens on this machine .* not on "0\.0\.0\.0"/);
    expect(() => loadConfig({ HOST: '192.168.1.20', SPARRING_PLATFORMS: 'local' })).toThrow(/HOST: /);
    expect(loadConfig({ HOST: 'localhost' }).http.host).toBe('localhost');
    // Slack next to the playground: loopback by default (a tunnel forwards Slack's requests there).
    expect(loadConfig({ SPARRING_PLATFORMS: 'local,slack', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).http.host).toBe('127.0.0.1');
    // A configuration built by hand is stopped when the playground is mounted.
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'wide.db')}`, PORT: '0', SPARRING_WORKER: 'false' });
    await expect(startServer({ ...config, http: { ...config.http, host: '0.0.0.0' } }, { logger: silentLogger })).rejects.toThrow(/Sparring cannot start local: .*HOST is "0\.0\.0\.0"[\s\S]*set HOST to 127\.0\.0\.1/);
  });
});
