// Runs the real `sparring` command (bin/sparring.js, the compiled dist/) as a child process in a
// directory of the test's choosing, with only the environment it is given (no .env of the checkout).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/sparring.js', import.meta.url));

export interface Finished {
  code: number | null;
  out: string;
  err: string;
}

export function runBin(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { PATH: process.env.PATH!, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}
