// The app manifest asks for exactly the scopes the code needs: every Web API method the adapter
// calls (found by scanning src/bot/slack) maps to a listed scope, and no listed scope is unused.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const SRC = join(import.meta.dirname, '../../../src/bot/slack');
const MANIFESTS = join(import.meta.dirname, '../../../manifests/slack');

/** Bot scopes per Web API method (docs.slack.dev/reference/methods). Extend when the code calls a new method. */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.open': ['im:write'],
  // Looking for an earlier copy of a delivery (recovery.ts), in any kind of conversation it can go to.
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  // files.uploadV2 = files.getUploadURLExternal + files.completeUploadExternal.
  'files.uploadV2': ['files:write'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  // The profile email needs users:read.email on top of users:read.
  'users.info': ['users:read', 'users:read.email'],
  'users.lookupByEmail': ['users:read.email'],
};

/** Scopes events need; the bot_events in the manifest must match the events the code listens to. */
const EVENT_SCOPES: Record<string, { manifest: string; scopes: string[] }> = {
  app_home_opened: { manifest: 'app_home_opened', scopes: [] },
  // The message listener only acts on channel_type "im".
  message: { manifest: 'message.im', scopes: ['im:history'] },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const code = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
const calledMethods = [...new Set([...code.matchAll(/\bclient\.(\w+)\.(\w+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
const events = [...new Set([...code.matchAll(/\.event\(\s*'([\w.]+)'/g)].map((m) => m[1]!))].sort();
const hasCommand = /\.command\(/.test(code);

describe.each(['manifest.yaml', 'manifest.socket-mode.yaml'])('%s', (file) => {
  const manifest = parse(readFileSync(join(MANIFESTS, file), 'utf8'));
  const scopes: string[] = manifest.oauth_config.scopes.bot;

  it('finds the Web API calls in the code (sanity check of the scan)', () => {
    expect(calledMethods).toEqual(expect.arrayContaining(['chat.postMessage', 'conversations.open', 'views.open', 'views.publish', 'users.info']));
    for (const m of calledMethods) expect(METHOD_SCOPES, `add ${m} to METHOD_SCOPES`).toHaveProperty([m]);
  });

  it('lists every scope the code needs and nothing more', () => {
    const needed = new Set<string>([
      // Bolt calls auth.test itself; it needs no scope.
      ...calledMethods.flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...events.flatMap((e) => EVENT_SCOPES[e]?.scopes ?? []),
      ...(hasCommand ? ['commands'] : []),
    ]);
    expect([...scopes].sort()).toEqual([...needed].sort());
  });

  it('subscribes to exactly the events the code listens to', () => {
    for (const e of events) expect(EVENT_SCOPES, `add ${e} to EVENT_SCOPES`).toHaveProperty([e]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(events.map((e) => EVENT_SCOPES[e]!.manifest).sort());
  });

  it('has the bot user, the /sparring command, App Home and interactivity', () => {
    expect(manifest.features.bot_user.display_name).toBe('Sparring');
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/sparring']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const socket = manifest.settings.socket_mode_enabled;
    expect(socket).toBe(file.includes('socket'));
    const urls = [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    if (socket) expect(urls.every((u) => u === undefined)).toBe(true);
    else expect(urls.every((u) => u === 'https://sparring.example.dk/slack/events')).toBe(true);
  });
});
