// The trend chart's picture: whole-number visits from 0, and nothing shown that the text hides.
import { describe, expect, it } from 'vitest';
import { trendSvg }  from '../../../src/flows/digest/chart.js';
import type { DigestFigures } from '../../../src/flows/digest/figures.js';

function figures(held: (number | null)[]): DigestFigures {
  return {
    school: { id: 's', name: 'Holsted Skole', municipalityId: 'm' },
    isoYear: 2026,
    isoWeek: 48,
    week: {} as DigestFigures['week'],
    courses: [],
    trend: held.map((h, i) => ({ isoYear: 2026, isoWeek: 41 + i, held: h })),
    unreachable: 0,
  };
}

/** The y axis' tick labels, read from the SVG vega draws. */
const axisLabels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('digest trend chart', () => {
  it('every week hidden: "<5" on each week and an axis from 0 in whole numbers, not "0.000000"', async () => {
    const svg = await trendSvg('da', figures([null, null, null, null, null, null, null, null]));
    const labels = axisLabels(svg);
    expect(labels.filter((t) => t === '&lt;5')).toHaveLength(8);
    expect(labels).toContain('0');
    expect(labels).toContain('5');
    expect(labels.some((t) => /\d\.\d/.test(t))).toBe(false);
  });

  it('shown weeks get their number, hidden ones "<5", and the axis reaches the largest', async () => {
    const svg = await trendSvg('en', figures([null, 6, 12, null, 7, 9, 30, 8]));
    const labels = axisLabels(svg);
    for (const n of ['6', '12', '7', '9', '30', '8']) expect(labels).toContain(n);
    expect(labels.filter((t) => t === '&lt;5')).toHaveLength(2);
    expect(labels.some((t) => /\d\.\d/.test(t))).toBe(false);
  });
});
