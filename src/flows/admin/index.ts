// The coordinator's commands: link a Slack/Teams channel to a school (typed in that channel) and see
// the municipality's status — scheduled and failed jobs, people and channels the bot cannot reach.
import type { ChannelPurpose } from '../../core/chat.js';
import type { Flow } from '../../core/flow.js';
import { rich, type RichText } from '../../core/i18n/text.js';
import { context, header, simpleMessage, text, type Message } from '../../core/messages.js';
import type { ProductFlowFactory } from '../stores.js';
import { formatDateLong, isValidClockTime, localDate, zoned } from '../../domain/calendar/index.js';
import { adminTexts } from './texts.js';

const PURPOSE_WORDS: Record<string, ChannelPurpose> = {
  ledelse: 'leadership',
  ledelsen: 'leadership',
  leadership: 'leadership',
  leaders: 'leadership',
  agenter: 'agents',
  læringsagenter: 'agents',
  laeringsagenter: 'agents',
  agents: 'agents',
};

/** Longer lists are cut: the coordinator needs the size of the problem and where to start. */
const MAX_LISTED = 20;

const numbered = (times: string[]) => times.map((t, i) => `${i + 1}: ${t}`).join(', ');

const say = (t: RichText): Message => simpleMessage(t);

export const createAdminFlow: ProductFlowFactory = ({ stores, directory, clock, chat, calendar, config }) => {
  const store = stores.admin;

  async function refuse(municipalityId: string, respond: (b: (l: 'da' | 'en') => Message) => Promise<void>) {
    const cs = await directory.coordinators(municipalityId);
    const coordinator = cs.map((c) => `${c.name} (${c.email})`).join(', ');
    await respond((l) => say(coordinator ? adminTexts.for(l)('onlyCoordinator', { coordinator }) : adminTexts.for(l)('onlyCoordinatorNoName')));
  }

  const flow: Flow = {
    name: 'admin',
    commands: {
      link: async (ev, ix) => {
        const { actor } = ev;
        if (!(await store.isCoordinator(actor.personId, actor.municipalityId))) return refuse(actor.municipalityId, ix.respond);
        if (!ev.channel) return ix.respond((l) => say(adminTexts.for(l)('linkNotInChannel')));
        const [word = '', ...rest] = ev.args.split(/\s+/);
        const purpose = PURPOSE_WORDS[word.toLowerCase()];
        const schoolName = rest.join(' ').trim();
        if (!purpose || !schoolName) return ix.respond((l) => say(adminTexts.for(l)('linkUsage')));
        const schools = await store.schools(actor.municipalityId);
        const school = schools.find((s) => s.name.toLowerCase() === schoolName.toLowerCase());
        if (!school) {
          return ix.respond((l) => say(adminTexts.for(l)('linkUnknownSchool', { school: schoolName, schools: schools.map((s) => s.name).join(', ') })));
        }
        await directory.linkChannel({
          schoolId: school.id,
          purpose,
          platform: ev.channel.platform as 'slack' | 'teams' | 'local',
          tenantId: ev.channel.tenantId,
          channelId: ev.channel.channelId,
          conversationRef: ev.channel.conversationRef ?? null,
        });
        await ix.respond((l) => {
          const t = adminTexts.for(l);
          const purposeText = adminTexts.plain(l, purpose === 'leadership' ? 'purposeLeadership' : 'purposeAgents');
          return say(t('linkDone', { purpose: purposeText, school: school.name }));
        });
      },
      lessons: async (ev, ix) => {
        const { actor } = ev;
        if (!(await store.isCoordinator(actor.personId, actor.municipalityId))) return refuse(actor.municipalityId, ix.respond);
        // "<school name> 08:00 08:50 …": the trailing HH:MM words are the times, the rest names the school.
        const words = ev.args.split(/\s+/).filter(Boolean);
        const times: string[] = [];
        while (words.length > 0 && /^\d{1,2}[:.]\d{2}$/.test(words.at(-1)!)) times.unshift(words.pop()!.replace('.', ':').padStart(5, '0'));
        const schoolName = words.join(' ');
        if (!schoolName) return ix.respond((l) => say(adminTexts.for(l)('lessonsUsage')));
        const schools = await store.schools(actor.municipalityId);
        const school = schools.find((s) => s.name.toLowerCase() === schoolName.toLowerCase());
        if (!school) {
          return ix.respond((l) => say(adminTexts.for(l)('linkUnknownSchool', { school: schoolName, schools: schools.map((s) => s.name).join(', ') })));
        }
        if (times.length === 0) {
          return ix.respond((l) =>
            say(school.lessonTimes.length ? adminTexts.for(l)('lessonsCurrent', { school: school.name, times: numbered(school.lessonTimes) }) : adminTexts.for(l)('lessonsNone', { school: school.name })),
          );
        }
        const bad = times.find((t, i) => !isValidClockTime(t) || (i > 0 && t <= times[i - 1]!));
        if (bad) return ix.respond((l) => say(adminTexts.for(l)('lessonsBad', { time: bad })));
        await store.setLessonTimes(school.id, times);
        await ix.respond((l) => say(adminTexts.for(l)('lessonsSaved', { school: school.name, times: numbered(times) })));
      },
      status: async (ev, ix) => {
        const { actor } = ev;
        if (!(await store.isCoordinator(actor.personId, actor.municipalityId))) return refuse(actor.municipalityId, ix.respond);
        const { timeZone } = await calendar(actor.municipalityId);
        const monday = zoned(clock.now(), timeZone).startOf('week');
        const [jobs, people, channels, failed, never, load, undelivered] = await Promise.all([
          store.jobCounts(clock.now()),
          store.unreachablePeople(actor.municipalityId),
          store.unreachableChannels(actor.municipalityId),
          store.recentFailedJobs(5),
          store.neverReached(actor.municipalityId, chat.platforms()),
          store.agentLoad(actor.municipalityId, monday.toJSDate(), monday.plus({ weeks: 1 }).toJSDate()),
          store.failedDeliveries(actor.municipalityId),
        ]);
        await ix.respond((l) => {
          const t = adminTexts.for(l);
          const blocks = [header(adminTexts.plain(l, 'statusTitle')), text(t('statusJobs', jobs))];
          if (undelivered.count > 0 && undelivered.oldest) {
            const date = formatDateLong(localDate(undelivered.oldest, config.timeZone), l);
            blocks.push(text(t('statusFailedDeliveries', { count: undelivered.count, date })));
          }
          if (people.length === 0 && channels.length === 0 && never.length === 0) blocks.push(text(t('statusAllReachable')));
          if (never.length > 0) {
            const shown = never.slice(0, MAX_LISTED);
            blocks.push(
              text(
                rich(
                  t('statusNeverReached', { count: never.length }),
                  ...shown.flatMap((p) => ['\n• ', t('statusNeverReachedPerson', p)]),
                  ...(never.length > shown.length ? ['\n', t('statusAndMore', { count: never.length - shown.length })] : []),
                ),
              ),
            );
          }
          if (people.length > 0)
            blocks.push(text(rich(t('statusUnreachablePeople', { count: people.length }), ...people.flatMap((p) => ['\n• ', t('statusPerson', p)]))));
          if (channels.length > 0)
            blocks.push(
              text(
                rich(
                  t('statusUnreachableChannels', { count: channels.length }),
                  ...channels.flatMap((c) => ['\n• ', t('statusChannel', { ...c, purpose: adminTexts.plain(l, c.purpose === 'leadership' ? 'purposeLeadership' : 'purposeAgents') })]),
                ),
              ),
            );
          if (load.length > 0)
            blocks.push(text(rich(t('statusLoad', { week: monday.weekNumber }), ...load.flatMap((x) => ['\n• ', t(x.full > 0 ? 'statusLoadSchoolFull' : 'statusLoadSchool', x)]))));
          if (failed.length > 0) blocks.push(context(rich(t('statusFailedJobs'), ...failed.flatMap((f) => ['\n', t('statusFailedJob', f)]))));
          return { summary: adminTexts.plain(l, 'statusTitle'), blocks };
        });
      },
    },
  };
  return flow;
};
