// Typed commands in Danish and English, shared by Slack's /sparring, Teams' personal chat and the
// playground. Adapters only strip their own prefix (/sparring, @Sparring) and call parseCommand.
import type { CommandName } from './flow.js';
import { cleanText } from './input.js';

export const COMMAND_WORDS: Record<CommandName, { da: string; en: string; aliases: string[] }> = {
  offer: { da: 'tilbyd', en: 'offer', aliases: [] },
  my: { da: 'mine', en: 'my', aliases: ['mit', 'min'] },
  open: { da: 'ledige', en: 'open', aliases: ['ledig'] },
  reflections: { da: 'refleksioner', en: 'reflections', aliases: ['refleksion', 'reflection'] },
  continue: { da: 'fortsæt', en: 'continue', aliases: ['fortsaet'] },
  settings: { da: 'indstillinger', en: 'settings', aliases: ['indstilling'] },
  link: { da: 'forbind', en: 'link', aliases: [] },
  status: { da: 'status', en: 'status', aliases: [] },
  lessons: { da: 'ringetider', en: 'lessons', aliases: ['ringetid', 'bells'] },
  capacity: { da: 'kapacitet', en: 'capacity', aliases: [] },
  help: { da: 'hjælp', en: 'help', aliases: ['hjaelp', '?'] },
  // Two words: "mine data" must not be read as "mine" (the longest form wins, see parseCommand).
  data: { da: 'mine data', en: 'my data', aliases: ['mit data', 'data'] },
};

/** Every typed form of every command, longest (most words) first. */
const FORMS: { words: string[]; command: CommandName }[] = (Object.entries(COMMAND_WORDS) as [CommandName, (typeof COMMAND_WORDS)[CommandName]][])
  .flatMap(([command, w]) => [w.da, w.en, ...w.aliases].map((form) => ({ words: form.split(' '), command })))
  .sort((a, b) => b.words.length - a.words.length);

export type ParsedCommand =
  | { kind: 'command'; command: CommandName; args: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'empty' };

export function parseCommand(input: string): ParsedCommand {
  const trimmed = input.trim();
  if (trimmed === '') return { kind: 'empty' };
  const words = trimmed.split(/\s+/);
  const lower = words.map((w) => w.toLowerCase());
  for (const form of FORMS) {
    if (form.words.every((w, i) => lower[i] === w)) return { kind: 'command', command: form.command, args: words.slice(form.words.length).join(' ') };
  }
  return { kind: 'unknown', word: words[0] ?? '' };
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
