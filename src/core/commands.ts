// Typed commands in Danish and English, shared by Slack's /sparring, Teams' personal chat and the
// playground. Adapters only strip their own prefix (/sparring, @Sparring) and call parseCommand.
import type { CommandName } from './flow.js';
import { cleanText } from './input.js';

export const COMMAND_WORDS: Record<CommandName, { da: string; en: string; aliases: string[] }> = {
  offer: { da: 'tilbyd', en: 'offer', aliases: [] },
  my: { da: 'mine', en: 'my', aliases: ['mit', 'min'] },
  open: { da: 'ledige', en: 'open', aliases: ['ledig'] },
  reflections: { da: 'refleksioner', en: 'reflections', aliases: ['refleksion', 'reflection'] },
  link: { da: 'forbind', en: 'link', aliases: [] },
  status: { da: 'status', en: 'status', aliases: [] },
  lessons: { da: 'ringetider', en: 'lessons', aliases: ['ringetid', 'bells'] },
  overview: { da: 'overblik', en: 'overview', aliases: [] },
  help: { da: 'hjælp', en: 'help', aliases: ['hjaelp', '?'] },
};

export type ParsedCommand =
  | { kind: 'command'; command: CommandName; args: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'empty' };

export function parseCommand(input: string): ParsedCommand {
  const trimmed = input.trim();
  if (trimmed === '') return { kind: 'empty' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  for (const [name, w] of Object.entries(COMMAND_WORDS) as [CommandName, (typeof COMMAND_WORDS)[CommandName]][]) {
    if (word === w.da || word === w.en || w.aliases.includes(word)) {
      return { kind: 'command', command: name, args: rest.join(' ') };
    }
  }
  return { kind: 'unknown', word: first };
}

/**
 * Whether the answer to what someone typed in a shared channel may be shown to the whole channel.
 * Only help (and the help an unknown word gets) and linking the channel to a school say nothing
 * about a person; every other answer — someone's visits, open lessons, reflections — is private.
 */
export function answerableInChannel(text: string): boolean {
  // Cleaned as the dispatcher cleans it: "\u0000mine" must not pass here as an unknown word and run as "mine".
  const parsed = parseCommand(cleanText(text));
  if (parsed.kind === 'empty' || parsed.kind === 'unknown') return true;
  return parsed.command === 'link' || parsed.command === 'help';
}
