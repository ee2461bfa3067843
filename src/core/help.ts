// The help text, listing only what the person's roles let them do: a teacher is not told about
// linking channels, an agent not about offering lessons. Without an actor (a Teams install
// greeting before we know who it is) it lists everything.
import { COMMAND_WORDS } from './commands.js';
import type { Role } from './directory.js';
import type { CommandName } from './flow.js';
import { rich, type RichText } from './i18n/text.js';
import { context, header, text, type MessageBuilder } from './messages.js';
import { coreTexts } from './texts.js';

/** Who may use each command (the flows check again; this only decides what help mentions). */
const WHO: Record<CommandName, readonly Role[] | 'everyone'> = {
  offer: ['teacher', 'pedagogue', 'leader'],
  my: 'everyone',
  open: ['learning_agent', 'consultant'],
  reflections: ['teacher', 'pedagogue'],
  continue: ['teacher', 'pedagogue'],
  settings: ['teacher', 'pedagogue'],
  capacity: ['learning_agent'],
  data: 'everyone',
  link: ['coordinator'],
  status: ['coordinator'],
  lessons: ['coordinator'],
  overview: ['leader', 'coordinator'],
  help: 'everyone',
};

type HelpLine = 'helpOffer' | 'helpMy' | 'helpOpen' | 'helpReflections' | 'helpSettings' | 'helpCapacity' | 'helpLink' | 'helpStatus' | 'helpLessons' | 'helpOverview' | 'helpData' | 'helpHelp';

const LINES: [CommandName, HelpLine][] = [
  ['offer', 'helpOffer'],
  ['my', 'helpMy'],
  ['open', 'helpOpen'],
  ['reflections', 'helpReflections'],
  ['settings', 'helpSettings'],
  ['capacity', 'helpCapacity'],
  ['link', 'helpLink'],
  ['status', 'helpStatus'],
  ['overview', 'helpOverview'],
  ['lessons', 'helpLessons'],
  ['data', 'helpData'],
  ['help', 'helpHelp'],
];

/** Whether help mentions the command to someone with these roles (null: roles unknown, mention all). */
export function helpMentions(command: CommandName, roles: readonly Role[] | null): boolean {
  const who = WHO[command];
  return roles === null || who === 'everyone' || who.some((r) => roles.includes(r));
}

export function helpMessage(roles: readonly Role[] | null): MessageBuilder {
  return (l) => {
    const t = coreTexts.for(l);
    const lines: RichText[] = LINES.filter(([c]) => helpMentions(c, roles)).map(([c, key]) => t(key, { word: COMMAND_WORDS[c][l], continueWord: COMMAND_WORDS.continue[l] }));
    return {
      summary: coreTexts.plain(l, 'helpTitle'),
      blocks: [header(coreTexts.plain(l, 'helpTitle')), text(t('helpIntro')), text(rich(...lines.flatMap((line, i) => (i === 0 ? [line] : ['\n', line])))), context(t('helpFooter'))],
    };
  };
}
