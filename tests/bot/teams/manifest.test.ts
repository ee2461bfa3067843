// The Teams app package: the manifest validates offline against Microsoft's JSON schema for its
// version (from @microsoft/app-manifest), the command lists hold at most Teams' 10 commands, each one
// the bot understands (from the command registry), the icons have Teams' sizes, and
// `npm run teams:package` writes an installable zip with the placeholders filled from the environment.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, manifestSchemaErrors, MANIFEST_DIR, placeholderValues } from '../../../scripts/teams-package.js';
import { messageText } from '../../../src/bot/memory/driver.js';
import { COMMAND_WORDS, parseCommand } from '../../../src/core/commands.js';
import type { CommandName } from '../../../src/core/flow.js';
import { helpMentions, helpMessage } from '../../../src/core/help.js';

const run = promisify(execFile);
const ENV = { BOT_ID: '11111111-2222-3333-4444-555555555555', SPARRING_PUBLIC_URL: 'https://sparring.naestved.dk' };

/** Reads a zip's entries (central directory + deflate), enough to check our own package. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

describe('Teams app manifest', () => {
  it('validates offline against Microsoft’s schema for its version, once placeholders are filled', async () => {
    const template = await readFile(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
    expect(template).toContain('${{BOT_ID}}');
    const manifest = JSON.parse(fillPlaceholders(template, placeholderValues(ENV)));
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(20);
    expect(await manifestSchemaErrors(manifest)).toEqual([]);
    // The validator does catch mistakes.
    expect((await manifestSchemaErrors({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] }))!.length).toBeGreaterThan(0);
    expect((await manifestSchemaErrors({ ...manifest, id: 'not-a-guid' }))!.length).toBeGreaterThan(0);

    const bot = manifest.bots[0];
    expect(bot.botId).toBe(ENV.BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team']);
    expect(manifest.validDomains).toEqual(['sparring.naestved.dk']);
  });

  it('offers at most 10 commands per list, each a word the bot understands, Danish first; a teacher finds all of hers, the rest are in the help', async () => {
    const manifest = JSON.parse(fillPlaceholders(await readFile(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), placeholderValues(ENV)));
    const lists = manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    const listed = (scope: string) => {
      const list = lists.find((l) => l.scopes.includes(scope))!;
      // Teams allows at most 10 commands in a list.
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      return list.commands.map(({ title }) => {
        // The whole title is one command of the registry, in its Danish or English word (no alias).
        const parsed = parseCommand(title);
        expect(parsed, title).toMatchObject({ kind: 'command', args: '' });
        const command = (parsed as { command: CommandName }).command;
        const lang = COMMAND_WORDS[command].da === title ? 'da' : COMMAND_WORDS[command].en === title ? 'en' : 'alias';
        expect(lang, title).not.toBe('alias');
        return { command, lang };
      });
    };
    const personal = listed('personal');
    const team = listed('team');
    for (const list of [personal, team]) {
      // Danish first: no Danish word after the first English one.
      const firstEnglish = list.findIndex((c) => c.lang === 'en');
      if (firstEnglish >= 0) expect(list.slice(firstEnglish).every((c) => c.lang === 'en')).toBe(true);
    }

    // Every command the help offers a teacher is in the personal list, in Danish.
    const teacherCommands = (Object.keys(COMMAND_WORDS) as CommandName[]).filter((c) => helpMentions(c, ['teacher']));
    expect(teacherCommands).toEqual(expect.arrayContaining(['offer', 'my', 'reflections', 'continue', 'settings', 'data', 'help']));
    const personalDanish = personal.filter((c) => c.lang === 'da').map((c) => c.command);
    for (const c of teacherCommands) expect(personalDanish, c).toContain(c);
    expect(team.map((c) => c.command)).toEqual(expect.arrayContaining(['link', 'help']));

    // Whatever is left out of the lists is still reachable: the full help names it.
    const help = messageText(helpMessage(null)('da'));
    const inLists = new Set([...personal, ...team].map((c) => c.command));
    const rest = (Object.keys(COMMAND_WORDS) as CommandName[]).filter((c) => !inLists.has(c));
    expect(rest.length).toBeGreaterThan(0);
    for (const c of rest) expect(help, c).toContain(COMMAND_WORDS[c].da);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', async () => {
    const color = PNG.sync.read(await readFile(join(MANIFEST_DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(await readFile(join(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i]!, outline.data[i + 1]!, outline.data[i + 2]!, outline.data[i + 3]!];
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]); // only white, at any opacity
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
  });

  it('npm run teams:package writes the zip with placeholders filled from the environment, and names missing ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sparring-teams-pkg-'));
    try {
      const out = join(dir, 'app.zip');
      const env = { ...process.env, ...ENV, TEAMS_APP_ID: '99999999-8888-4777-8666-555555555555', MicrosoftAppId: '', npm_config_loglevel: 'silent' };
      await run('npm', ['run', '--silent', 'teams:package', '--', '--out', out], { env, cwd: join(MANIFEST_DIR, '..', '..') });
      const files = unzip(await readFile(out));
      expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      expect(manifest.id).toBe('99999999-8888-4777-8666-555555555555');
      expect(manifest.bots[0].botId).toBe(ENV.BOT_ID);
      expect(JSON.stringify(manifest)).not.toContain('${{');
      expect(files.get('outline.png')!.equals(await readFile(join(MANIFEST_DIR, 'outline.png')))).toBe(true);

      const failed = await run('npm', ['run', '--silent', 'teams:package', '--', '--out', join(dir, 'x.zip')], {
        env: { ...process.env, BOT_ID: '', MicrosoftAppId: '', SPARRING_PUBLIC_URL: '', PUBLIC_URL: '', BOT_DOMAIN: '', TEAMS_APP_ID: '' },
        cwd: join(MANIFEST_DIR, '..', '..'),
      }).catch((e: { code: number; stderr: string }) => e);
      expect((failed as { code: number }).code).toBe(1);
      expect((failed as { stderr: string }).stderr).toMatch(/Set .*BOT_ID/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
