// A platform delivery id is recorded once; repeats (retries, double deliveries) are recognised.
import { afterEach, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

it('recognises a repeated delivery id per platform, also under concurrent arrival', async () => {
  s = await createScenario({ flows: [] });
  const d = s.runtime.dispatcher;
  expect(await d.firstDelivery('slack', 'Ev123')).toBe(true);
  expect(await d.firstDelivery('slack', 'Ev123')).toBe(false);
  expect(await d.firstDelivery('teams', 'Ev123')).toBe(true); // ids are per platform
  const racing = await Promise.all(Array.from({ length: 20 }, () => d.firstDelivery('teams', 'act-9')));
  expect(racing.filter(Boolean)).toHaveLength(1);
});
