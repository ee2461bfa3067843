// The Slack work thread lowers its own CPU priority, and only its own: acks on the main thread keep
// theirs. Checked with the kernel's view of each thread (chrt -p), on Linux where it applies.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const policyOf = (tid: string) => execFileSync('chrt', ['--pid', tid], { encoding: 'utf8' });
let hasChrt = process.platform === 'linux';
try {
  policyOf(String(process.pid));
} catch {
  hasChrt = false;
}

describe.runIf(hasChrt)('lowerThreadPriority', () => {
  it('puts the calling thread on SCHED_IDLE and leaves the main thread alone', async () => {
    const module = new URL('../../../src/bot/slack/thread/priority.ts', import.meta.url).href;
    const code = `
      const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      import('tsx/esm/api').then(async ({ register }) => {
        register();
        const { lowerThreadPriority } = await import(${JSON.stringify(module)});
        const { silentLogger } = await import(${JSON.stringify(new URL('../../../src/core/logger.ts', import.meta.url).href)});
        const priority = await lowerThreadPriority(silentLogger);
        parentPort.postMessage({ priority, tid: readlinkSync('/proc/thread-self').split('/').at(-1) });
        setTimeout(() => undefined, 2000);
      });`;
    const worker = new Worker(code, { eval: true });
    try {
      const { priority, tid } = await new Promise<{ priority: string; tid: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(priority).toBe('idle');
      expect(policyOf(tid)).toContain('SCHED_IDLE');
      const main = readlinkSync('/proc/thread-self').split('/').at(-1)!;
      expect(policyOf(main)).toContain('SCHED_OTHER');
    } finally {
      await worker.terminate();
    }
  });
});
