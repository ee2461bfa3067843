// The whole loop in a real browser (Debian's Chromium through playwright-core), as `npm start` runs
// it — the playground alone, with its worker and time control: a teacher offers a lesson, an agent
// claims it in the agents' channel, time moves past the lesson, the teacher answers the reflection
// in its form, and a leader sees the weekly digest on Monday — counts only, never the reflection.
// Each step is screenshot to test-artifacts/full-loop/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { launchChromium, skipBrowser } from '../../support/browser.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'full-loop');
const REFLECTION = 'Eleverne fandt selv tre tegn på en god fortælling.';

let dir: string;
let server: RunningServer;
const ids: Record<'teacher' | 'agent' | 'leader', string> = { teacher: '', agent: '', leader: '' };

beforeAll(async () => {
  if (skipBrowser) return;
  dir = await mkdtemp(join(tmpdir(), 'sparring-full-loop-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  // The worker runs as with `npm start`; the clock is one the time control may move.
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'sparring.db')}`, PORT: '0' });
  server = await startServer(config, { logger: silentLogger, clock: new ManualClock('2026-11-24T09:00:00Z') }); // Tuesday 10.00
  const db = server.runtime.db;
  const m = await db.municipality.create({ data: { slug: 'naestved', name: 'Næstved' } });
  const school = await db.school.create({ data: { name: 'Holsted Skole', municipalityId: m.id } });
  for (const [key, name, role] of [
    ['teacher', 'Line Bæk', 'teacher'],
    ['agent', 'Mads Jørgensen', 'learning_agent'],
    ['leader', 'Søren Møller', 'leader'],
  ] as const) {
    const p = await db.person.create({ data: { municipalityId: m.id, email: `${key}@holsted.example`, name } });
    await db.membership.create({ data: { personId: p.id, schoolId: school.id, role } });
    ids[key] = p.id;
  }
});

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Picks the person in the page's own "Du er" list, as someone trying the playground would. */
async function actAs(page: Page, who: keyof typeof ids): Promise<void> {
  await page.selectOption('header select[name="as"]', ids[who]);
  await page.waitForURL(new RegExp(`as=${ids[who]}`));
}

/** Presses a time button until `done` shows on the page (each press reloads it). */
async function moveUntil(page: Page, button: RegExp, done: () => Promise<boolean>, presses = 6): Promise<void> {
  for (let i = 0; i < presses && !(await done()); i++) {
    await page.locator('form.time button', { hasText: button }).click();
    await page.waitForLoadState('load');
  }
}

/** Waits for something the worker delivers after the page was drawn: reloads, as a person would. */
async function appears(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 20 && (await locator.count()) === 0; i++) {
    await new Promise((r) => setTimeout(r, 250));
    await page.reload();
  }
  await locator.first().waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

it.skipIf(skipBrowser)('teacher offers → agent claims → lesson held → teacher reflects → leader sees the digest (skipped outside CI without /usr/bin/chromium)', { timeout: 180_000 }, async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/`);
    await expect(page.locator('#playground-time').textContent()).resolves.toBe('tirsdag 24. november 2026 kl. 10.00');

    // 1. The teacher offers Thursday's lesson in the form, with a Danish date.
    await actAs(page, 'teacher');
    await page.fill('input[name="text"]', 'tilbyd');
    await page.press('input[name="text"]', 'Enter');
    await page.locator('form.form h3', { hasText: 'Tilbyd en lektion' }).waitFor();
    await page.fill('#f-date', '26.11.2026');
    await page.fill('#f-start', '09:00');
    await page.fill('#f-end', '09:45');
    await page.fill('#f-classGroup', '4.a');
    await page.fill('#f-subject', 'dansk');
    await page.locator('form.form button.primary').click();
    await appears(page, page.locator('.card', { hasText: 'Læringsagenterne på Holsted Skole får besked nu.' }));
    await shot(page, '1-teacher-offers');

    // 2. The agent finds it in the agents' channel and claims it.
    await actAs(page, 'agent');
    const agents = page.locator('section.channel[data-purpose="agents"]');
    await appears(page, agents.locator('button', { hasText: 'Tag den' }));
    await agents.locator('button', { hasText: 'Tag den' }).click();
    await appears(page, page.locator('.card', { hasText: 'Den er din!' }));
    await appears(page, agents.locator('.card', { hasText: 'Taget af Mads Jørgensen.' }));
    await shot(page, '2-agent-claims');

    // 3. Time moves on past Thursday's lesson: it counts as held and the teacher is asked to reflect.
    await actAs(page, 'teacher');
    const prompt = page.locator('.card', { hasText: 'Et par minutter til refleksion?' });
    await moveUntil(page, /\+1 dag/, async () => (await page.locator('#playground-time').textContent())?.startsWith('torsdag') ?? false);
    await moveUntil(page, /Spring til næste hændelse/, async () => (await prompt.count()) > 0);
    await prompt.first().waitFor();
    expect(await server.runtime.db.slot.count({ where: { status: 'held' } })).toBe(1);
    await shot(page, '3-lesson-held');

    // 4. The teacher answers the reflection in its form.
    await prompt.first().locator('button', { hasText: 'Åbn formular' }).click();
    await page.locator('form.form h3', { hasText: 'Refleksion' }).waitFor();
    await page.locator('form.form textarea').first().fill(REFLECTION);
    await page.locator('form.form button.primary', { hasText: 'Gem refleksion' }).click();
    await appears(page, page.locator('.card', { hasText: 'Tak! Din refleksion er gemt.' }));
    await shot(page, '4-teacher-reflects');

    // 5. Monday 08.00: the leader reads the week's digest in the leadership channel — without the reflection.
    await actAs(page, 'leader');
    const leadership = page.locator('section.channel[data-purpose="leadership"]');
    await moveUntil(page, /Næste mandag/, async () => (await leadership.locator('.card', { hasText: 'Ugens feedback på Holsted Skole' }).count()) > 0, 2);
    await leadership.locator('.card', { hasText: 'Ugens feedback på Holsted Skole' }).waitFor();
    expect(await page.content()).not.toContain(REFLECTION);
    expect(await page.locator('section.channel[data-purpose="agents"]').count()).toBe(0);
    await shot(page, '5-leader-digest');
  } finally {
    await browser.close();
  }
});
