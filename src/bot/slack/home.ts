// Publishes a person's App Home tab: the dispatcher's home sections, or the "not on the roster"
// answer for someone we do not know.
import type { Actor } from '../../core/chat.js';
import type { SlackDeps } from './deps.js';
import { renderHome } from './render/home.js';

export async function publishHome(deps: SlackDeps, teamId: string, userId: string, actor: Actor | null): Promise<void> {
  const message = actor
    ? await deps.runtime.dispatcher.home(actor)
    : (await deps.runtime.inbound.strangerAnswer('slack', teamId))(deps.runtime.config.locale);
  await deps.client.views.publish({ user_id: userId, view: renderHome(message) });
}
