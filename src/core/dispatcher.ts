// Routes neutral events from any adapter to the flow that owns them. Adapters call this after they
// have acknowledged the platform and resolved the acting person; flows never see the platform.
import { answerLaterOnTransientFailure } from './answer-later.js';
import type { Actor, ChatPort, Interaction } from './chat.js';
import { parseCommand } from './commands.js';
import type { Conversations } from './conversation.js';
import type { Directory } from './directory.js';
import type { ActionEvent, CommandEvent, CommandName, Flow, FormResult, FormSubmission, MessageRenderer } from './flow.js';
import { cleanText } from './input.js';
import type { Logger } from './logger.js';
import { header, simpleMessage, text, type Block, type Message, type MessageBuilder } from './messages.js';
import type { RuntimeMetrics } from './metrics.js';
import { coreTexts } from './texts.js';
import { helpMessage } from './help.js';

export class Dispatcher {
  private readonly commandOwners = new Map<CommandName, Flow>();
  private readonly actionOwners = new Map<string, Flow>();
  private readonly formOwners = new Map<string, Flow>();

  constructor(
    private readonly flows: Flow[],
    /** `chat`: where an answer goes when the platform cannot take it right now (answer-later.ts). */
    private readonly deps: { directory: Directory; conversations?: Conversations; logger: Logger; metrics?: RuntimeMetrics; chat?: ChatPort },
  ) {
    for (const flow of flows) {
      for (const c of Object.keys(flow.commands ?? {}) as CommandName[]) this.own(this.commandOwners, c, flow);
      for (const a of Object.keys(flow.actions ?? {})) this.own(this.actionOwners, a, flow);
      for (const f of Object.keys(flow.forms ?? {})) this.own(this.formOwners, f, flow);
    }
  }

  private own<K>(map: Map<K, Flow>, key: K, flow: Flow): void {
    const prev = map.get(key);
    if (prev) throw new Error(`"${String(key)}" is claimed by both flow ${prev.name} and flow ${flow.name}`);
    map.set(key, flow);
  }

  /**
   * What someone typed: "/sparring tilbyd", "mine", "help" … In a direct chat (no channel), text that
   * is no command goes to the flow the person has an open conversation with (her answer to a
   * reflection question); a command typed meanwhile still runs, and the flow says how to get back.
   */
  async command(actor: Actor, input: string, ix: Interaction, channel?: CommandEvent['channel']): Promise<void> {
    ix = this.reliable(ix);
    const cleaned = cleanText(input);
    const parsed = parseCommand(cleaned);
    const open = channel ? null : await this.openConversation(actor);
    if (parsed.kind === 'unknown' && open) {
      const { flow, ref } = open;
      // Ids only: what she wrote is never logged.
      this.deps.logger.debug({ personId: actor.personId, flow: flow.name, ref, length: cleaned.length }, 'conversation reply');
      await this.guard(actor, ix, () => flow.conversation!.reply({ actor, text: cleaned, ref }, ix));
      return;
    }
    if (parsed.kind === 'unknown') {
      await ix.respond((l) => simpleMessage(coreTexts.for(l)('unknownCommand', { word: parsed.word })));
      return;
    }
    const command: CommandName = parsed.kind === 'empty' ? 'help' : parsed.command;
    const flow = this.commandOwners.get(command);
    this.deps.logger.debug({ personId: actor.personId, command, flow: flow?.name, inConversation: open !== null }, 'command');
    const handler = flow?.commands?.[command];
    if (!handler) {
      // Help names only what this person's roles let them do.
      const roles = await this.deps.directory.rolesOf(actor.personId).catch(() => null);
      await ix.respond(helpMessage(roles ? roles.map((r) => r.role) : null));
    } else {
      await this.guard(actor, ix, () => handler({ actor, command, args: parsed.kind === 'command' ? parsed.args : '', channel }, ix));
    }
    // Asked again afterwards: the command itself may have closed or moved the conversation.
    const still = command === 'continue' || !open ? null : await this.openConversation(actor);
    if (still) await this.guard(actor, ix, async () => ix.respond(await still.flow.conversation!.wayBack(still.ref)));
  }

  /** The person's open conversation and the flow that holds it (none if that flow is not running). */
  private async openConversation(actor: Actor): Promise<{ flow: Flow; ref: string } | null> {
    const open = await this.deps.conversations?.current(actor.personId);
    const flow = open ? this.flows.find((f) => f.name === open.flow && f.conversation) : undefined;
    return open && flow ? { flow, ref: open.ref } : null;
  }

  async action(ev: ActionEvent, ix: Interaction): Promise<void> {
    ix = this.reliable(ix);
    ev = { ...ev, ...(ev.value !== undefined ? { value: cleanText(ev.value) } : {}) };
    const handler = this.actionOwners.get(ev.actionId)?.actions?.[ev.actionId];
    this.deps.logger.debug({ personId: ev.actor.personId, actionId: ev.actionId, known: handler !== undefined }, 'action');
    if (!handler) {
      await ix.respond((l) => simpleMessage(coreTexts.for(l)('staleAction')));
      return;
    }
    await this.guard(ev.actor, ix, () => handler(ev, ix));
  }

  async submit(sub: FormSubmission, ix: Interaction): Promise<FormResult> {
    ix = this.reliable(ix);
    // What people typed, cleaned once for every flow (src/core/input.ts).
    sub = {
      ...sub,
      values: Object.fromEntries(Object.entries(sub.values).map(([k, v]) => [k, cleanText(v)])),
      ...(sub.privateValue !== undefined ? { privateValue: cleanText(sub.privateValue) } : {}),
    };
    const handler = this.formOwners.get(sub.formId)?.forms?.[sub.formId];
    this.deps.logger.debug({ personId: sub.actor.personId, formId: sub.formId, fields: Object.keys(sub.values).length }, 'form submitted');
    if (!handler) {
      await ix.respond((l) => simpleMessage(coreTexts.for(l)('staleAction')));
      return { ok: true };
    }
    let result: FormResult = { ok: true };
    await this.guard(sub.actor, ix, async () => {
      result = await handler(sub, ix);
    });
    return result;
  }

  /** The person's home: every flow's sections, in flow order. */
  async home(actor: Actor): Promise<Message> {
    const sections: Block[] = [];
    for (const flow of this.flows) {
      if (!flow.home) continue;
      try {
        sections.push(...(await flow.home(actor)));
      } catch (err) {
        this.deps.logger.error({ err, flow: flow.name }, 'home section failed');
      }
    }
    const t = coreTexts.for(actor.locale);
    return {
      summary: coreTexts.plain(actor.locale, 'homeTitle'),
      blocks: [header(coreTexts.plain(actor.locale, 'homeTitle')), ...(sections.length ? sections : [text(t('homeEmpty'))])],
    };
  }

  /** Help listing every command (before we know who is asking); `command` answers with the person's own. */
  help(): MessageBuilder {
    return helpMessage(null);
  }

  /** The polite answer for someone who is not on the roster, naming the coordinator when we can. */
  async notOnRoster(municipalityId?: string): Promise<MessageBuilder> {
    const coordinator = await this.coordinatorName(municipalityId);
    return (l) => simpleMessage(coordinator ? coreTexts.for(l)('notOnRoster', { coordinator }) : coreTexts.for(l)('notOnRosterNoCoordinator'));
  }

  private async coordinatorName(municipalityId?: string): Promise<string | null> {
    if (!municipalityId) return null;
    const cs = await this.deps.directory.coordinators(municipalityId);
    return cs.length ? cs.map((c) => `${c.name} (${c.email})`).join(', ') : null;
  }

  private reliable(ix: Interaction): Interaction {
    return this.deps.chat ? answerLaterOnTransientFailure(ix, this.deps.chat, this.deps.logger) : ix;
  }

  /** Runs a flow handler; an unexpected error is logged, counted and answered politely. */
  private async guard(actor: Actor, ix: Interaction, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.deps.logger.error({ err, personId: actor.personId }, 'flow handler failed');
      this.deps.metrics?.turnError(actor.platform);
      const coordinator = await this.coordinatorName(actor.municipalityId).catch(() => null);
      await ix
        .respond((l) =>
          simpleMessage(coordinator ? coreTexts.for(l)('somethingWentWrong', { coordinator }) : coreTexts.for(l)('somethingWentWrongNoCoordinator')),
        )
        .catch(() => undefined);
    }
  }

  /** Lets every flow seed its recurring jobs; called when a job worker starts. */
  async startFlows(): Promise<void> {
    for (const flow of this.flows) await flow.onStart?.();
  }

  allJobs(): [string, NonNullable<Flow['jobs']>[string]][] {
    return this.flows.flatMap((f) => Object.entries(f.jobs ?? {}));
  }

  allRenderers(): Map<string, MessageRenderer> {
    return new Map(this.flows.flatMap((f) => Object.entries(f.renderers ?? {})));
  }
}

