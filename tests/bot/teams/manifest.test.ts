// The Teams app package: the manifest validates offline against Microsoft's JSON schema for its
// version (from @microsoft/app-manifest), the icons have Teams' sizes, and `npm run teams:package`
// writes an installable zip with the placeholders filled from the environment.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, manifestSchemaErrors, MANIFEST_DIR, placeholderValues } from '../../../scripts/teams-package.js';
import { COMMAND_WORDS } from '../../../src/core/commands.js';

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
    // The command lists offer the words the bot understands, in Danish and English.
    const personal = bot.commandLists.find((l: { scopes: string[] }) => l.scopes.includes('personal')).commands.map((c: { title: string }) => c.title);
    for (const c of ['offer', 'my', 'open', 'reflections', 'help'] as const) expect(personal).toEqual(expect.arrayContaining([COMMAND_WORDS[c].da, COMMAND_WORDS[c].en]));
    const team = bot.commandLists.find((l: { scopes: string[] }) => l.scopes.includes('team')).commands.map((c: { title: string }) => c.title);
    expect(team).toEqual(expect.arrayContaining([COMMAND_WORDS.link.da, COMMAND_WORDS.link.en]));
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
