// Asking the operator on a terminal (roster import --prune, gdpr erase).
import { createInterface } from 'node:readline';
import type { CommandContext } from './context.js';

/** One line from the terminal; "" when input ends first. */
export function ask(ctx: CommandContext, question: string): Promise<string> {
  const rl = createInterface({ input: ctx.stdin!, output: ctx.stdout, terminal: false });
  return new Promise<string>((resolve) => {
    rl.once('close', () => resolve(''));
    rl.question(question, (answer) => {
      resolve(answer);
      rl.close();
    });
  });
}

/** Danish or English yes; anything else (and just Enter) is no. */
export function isYes(answer: string): boolean {
  return ['j', 'ja', 'y', 'yes'].includes(answer.trim().toLowerCase());
}
