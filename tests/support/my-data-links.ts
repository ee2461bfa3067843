// The "mine data" link, checked the same way on every platform: tampered links give 404 and never
// the text, and the genuine one still works.
import { expect } from 'vitest';

/** Another token, the agent's token on the teacher's file, a later expiry, no token: each a 404 without `secret`. */
export async function expectTamperedLinksRefused(link: URL, agentLink: URL, teacherPersonId: string, secret: string): Promise<void> {
  const token = link.searchParams.get('t')!;
  const forged = new URL(link);
  forged.searchParams.set('t', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
  const swapped = new URL(agentLink);
  swapped.pathname = `/my-data/${teacherPersonId}.json`;
  const stretched = new URL(link);
  stretched.searchParams.set('e', String(Number(link.searchParams.get('e')) + 3600));
  const bare = new URL(link);
  bare.search = '';
  for (const bad of [forged, swapped, stretched, bare]) {
    const r = await fetch(bad);
    expect(r.status, bad.toString()).toBe(404);
    expect(await r.text()).not.toContain(secret);
  }
  // The genuine link still works.
  expect((await fetch(link)).status).toBe(200);
}
