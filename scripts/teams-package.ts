// Builds the Teams app package (manifest.json + color.png + outline.png in a zip) from
// manifests/teams, filling ${{NAME}} placeholders from the environment (and .env):
//   BOT_ID          the Azure Bot's Microsoft App ID            (default: MicrosoftAppId)
//   TEAMS_APP_ID    the Teams app's own GUID                    (default: BOT_ID)
//   PUBLIC_URL      https://… where Sparring is reachable       (default: SPARRING_PUBLIC_URL)
//   BOT_DOMAIN      that URL's host name, for validDomains      (default: from PUBLIC_URL)
//   APP_VERSION     the package version (default: package.json's)
//   DEVELOPER_NAME  shown in Teams' app details (default: "Sparring")
// Usage: npm run teams:package [-- --out build/teams/sparring-teams.zip]
// The filled manifest is validated against Microsoft's JSON schema when @microsoft/app-manifest
// (a devDependency) is installed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';

const ROOT = resolve(import.meta.dirname, '..');
export const MANIFEST_DIR = join(ROOT, 'manifests', 'teams');
export const DEFAULT_OUT = join(ROOT, 'build', 'teams', 'sparring-teams.zip');

/** Placeholder values from the environment, with the defaults documented above. */
export function placeholderValues(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const v = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const botId = v('BOT_ID') ?? v('MicrosoftAppId');
  const publicUrl = (v('PUBLIC_URL') ?? v('SPARRING_PUBLIC_URL'))?.replace(/\/+$/, '');
  let domain = v('BOT_DOMAIN');
  if (!domain && publicUrl) {
    try {
      domain = new URL(publicUrl).host;
    } catch {
      domain = undefined;
    }
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    BOT_ID: botId,
    TEAMS_APP_ID: v('TEAMS_APP_ID') ?? botId,
    PUBLIC_URL: publicUrl,
    BOT_DOMAIN: domain,
    APP_VERSION: v('APP_VERSION') ?? pkg.version,
    DEVELOPER_NAME: v('DEVELOPER_NAME') ?? 'Sparring',
  };
}

/** Replaces every ${{NAME}}; throws naming all placeholders without a value. */
export function fillPlaceholders(template: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    // The value lands inside a JSON string.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new Error(`Set ${[...missing].join(', ')} (see scripts/teams-package.ts or the README's "Install in Teams")`);
  return filled;
}

/** Validation errors against Microsoft's schema for the manifest's version; null when the schema package is missing. */
export async function manifestSchemaErrors(manifest: { manifestVersion?: string }): Promise<string[] | null> {
  const require = createRequire(import.meta.url);
  let schemaPath: string;
  try {
    schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  } catch {
    return null;
  }
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema declares draft-04; it uses nothing Ajv's default draft treats differently.
  delete schema.$schema;
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e: { instancePath: string; message?: string; params?: unknown }) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export function pngSize(file: string): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height };
}

/** A zip archive (stored with deflate) of the given files: Node has deflate and CRC-32, so no library. */
export function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed date keeps the package byte-for-byte reproducible.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export async function buildTeamsPackage(env: Record<string, string | undefined>, outFile = DEFAULT_OUT): Promise<{ outFile: string; manifest: Record<string, unknown> }> {
  const template = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const manifestText = fillPlaceholders(template, placeholderValues(env));
  const manifest = JSON.parse(manifestText) as Record<string, unknown> & { manifestVersion?: string };
  const errors = await manifestSchemaErrors(manifest);
  if (errors === null) console.warn(`(Microsoft's manifest schema is not installed: skipping schema validation)`);
  else if (errors.length > 0) throw new Error(`manifest.json does not match Microsoft's schema v${manifest.manifestVersion}:\n  ${errors.join('\n  ')}`);
  for (const [file, size] of [['color.png', 192], ['outline.png', 32]] as const) {
    const { width, height } = pngSize(join(MANIFEST_DIR, file));
    if (width !== size || height !== size) throw new Error(`${file} must be ${size}×${size} pixels (is ${width}×${height})`);
  }
  const data = zip([
    { name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') },
    { name: 'color.png', data: readFileSync(join(MANIFEST_DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(MANIFEST_DIR, 'outline.png')) },
  ]);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, data);
  return { outFile, manifest };
}

async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('--out');
  const out = i >= 0 && argv[i + 1] ? resolve(argv[i + 1]!) : DEFAULT_OUT;
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  try {
    const { outFile } = await buildTeamsPackage(process.env, out);
    console.log(`Teams app package: ${outFile}\nUpload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.`);
    return 0;
  } catch (err) {
    console.error(`Cannot build the Teams app package: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main(process.argv.slice(2));
}
