// Validates an Adaptive Card with Microsoft's adaptivecards SDK: parse warnings (unknown element or
// action types), validation failures (missing choices, duplicate ids …) and properties the SDK does
// not know (a round-trip through the SDK would drop them) all count as errors.
import { createRequire } from 'node:module';

// The package's ESM build has extensionless imports Node cannot load; its UMD bundle works.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Host extensions Teams understands that the SDK ignores. */
const HOST_KEYS = new Set(['msteams', 'fallback', '$schema']);

function unknownKeys(sent: any, roundTrip: any, path: string, out: string[]): void {
  if (Array.isArray(sent)) {
    sent.forEach((v, i) => unknownKeys(v, Array.isArray(roundTrip) ? roundTrip[i] : undefined, `${path}[${i}]`, out));
    return;
  }
  if (!sent || typeof sent !== 'object') return;
  // Action data is free-form.
  if (path.endsWith('.data')) return;
  for (const [k, v] of Object.entries(sent)) {
    if (HOST_KEYS.has(k)) continue;
    if (!roundTrip || typeof roundTrip !== 'object' || !(k in roundTrip)) {
      // The SDK omits values equal to its defaults.
      if (!(k === 'wrap' && v === false)) out.push(`${path}.${k}`);
      continue;
    }
    unknownKeys(v, roundTrip[k], `${path}.${k}`, out);
  }
}

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  ac.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of ac.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  if ((card as any)?.version !== '1.5') problems.push('version is not 1.5');
  unknownKeys(card, ac.toJSON(), 'card', problems);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= 28 * 1024) problems.push(`card is ${bytes} bytes (limit 28 KB)`);
  return problems.map((p) => p.replace(/^unknown: /, ''));
}

export function expectValidCard(card: unknown): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`invalid Adaptive Card:\n  ${problems.join('\n  ')}\n${JSON.stringify(card).slice(0, 2000)}`);
}
