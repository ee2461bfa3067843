// Acks come first: when the machine is busy, the Slack work thread gives the CPU to the main thread
// (acks, Teams, the job worker). On Linux, scheduling is per thread, so this lowers only the thread
// that calls it: SCHED_IDLE through util-linux's `chrt` where present (it runs only when no normal
// thread wants the CPU, and a waking ack preempts it at once), else the lowest nice value. Elsewhere
// nothing is changed. With an idle CPU, which is nearly always, neither makes any difference.
import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Logger } from '../../../core/logger.js';

export type Priority = 'idle' | 'nice' | 'unchanged';

export async function lowerThreadPriority(logger: Logger): Promise<Priority> {
  if (process.platform !== 'linux') return 'unchanged';
  let priority: Priority = 'unchanged';
  try {
    setPriority(19);
    priority = 'nice';
  } catch {
    // refused (some containers); try SCHED_IDLE all the same
  }
  try {
    // "<pid>/task/<tid>": the kernel's id of this very thread.
    const tid = readlinkSync('/proc/thread-self').split('/').at(-1)!;
    await new Promise<void>((resolve, reject) => execFile('chrt', ['--idle', '--pid', '0', tid], (err) => (err ? reject(err) : resolve())));
    priority = 'idle';
  } catch (err) {
    logger.debug({ err }, 'chrt --idle not available; the Slack work thread runs at nice 19');
  }
  return priority;
}
