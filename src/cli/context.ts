// What every sub-command of the `sparring` command receives (src/cli/main.ts builds it).
import type { Config } from '../config/index.js';

export interface CommandContext {
  config: Config;
  args: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** For questions (roster --prune); without a terminal nothing is asked. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}
