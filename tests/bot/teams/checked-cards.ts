// End-to-end Teams tests start the harness through this: after each test every card the bot sent
// is checked against the Adaptive Card schema, and the harness is stopped.
import { afterEach } from 'vitest';
import { cardOf } from './fake-connector.js';
import { startTeams, type TeamsHarness } from './harness.js';
import { expectValidCard } from './validate-card.js';

/** Call once at the top of a test file; the function it returns starts the harness for one test. */
export function startTeamsCheckingCards(): (options: Parameters<typeof startTeams>[0]) => Promise<TeamsHarness> {
  let h: TeamsHarness | undefined;
  afterEach(async () => {
    for (const c of h?.fake.calls ?? []) if (cardOf(c.body)) expectValidCard(cardOf(c.body));
    await h?.stop();
    h = undefined;
  });
  return async (options) => (h = await startTeams(options));
}
