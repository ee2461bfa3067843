// The trend chart: a vega-lite bar chart of visits held per week, compiled to a vega view, drawn as
// SVG without a browser and turned into a PNG by resvg. Weeks whose figure is hidden (fewer than five
// teachers) get no bar and an "<5" label, so the picture shows nothing the text does not.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { DigestFigures } from './figures.js';
import { digestTexts as T } from './texts.js';

/** Rendered width in pixels: a Teams card's width, and small enough (≈ 16 kB) that the chart fits a card as a data URI under Teams' 28 kB activity limit. */
const WIDTH_PX = 520;

export function trendSpec(l: Locale, f: DigestFigures): TopLevelSpec {
  const values = f.trend.map((p) => ({ week: T.plain(l, 'trendWeek', { week: p.isoWeek, value: '' }).replace(/:\s*$/, ''), held: p.held, label: p.held === null ? '<5' : String(p.held) }));
  // The weeks in order, hidden ones included, so every layer shares one x axis.
  const x = { field: 'week', type: 'ordinal' as const, scale: { domain: values.map((v) => v.week) }, title: null, axis: { labelAngle: 0 } };
  // Visits are whole numbers from 0; when every week is hidden there is no bar to scale to, so the axis
  // still runs 0–5 (not a degenerate "0.000000").
  const top = Math.max(5, ...values.map((v) => v.held ?? 0));
  const y = { type: 'quantitative' as const, scale: { domain: [0, top], nice: true }, axis: { format: 'd', tickMinStep: 1 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: T.plain(l, 'trendTitle'),
    width: 440,
    height: 200,
    background: 'white',
    config: { font: 'DejaVu Sans, Liberation Sans, sans-serif' },
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#2f6f8f' }, encoding: { x, y: { ...y, field: 'held', title: T.plain(l, 'visitsAxis') } } },
      { mark: { type: 'text', dy: -6, baseline: 'bottom' }, encoding: { x, y: { datum: 0 }, text: { field: 'label' } }, transform: [{ filter: 'datum.held === null' }] },
      { mark: { type: 'text', dy: -4, baseline: 'bottom' }, encoding: { x, y: { ...y, field: 'held' }, text: { field: 'label' } }, transform: [{ filter: 'datum.held !== null' }] },
    ],
  };
}

/** The chart as SVG (what the PNG is drawn from). */
export async function trendSvg(l: Locale, f: DigestFigures): Promise<string> {
  const view = new vega.View(vega.parse(compile(trendSpec(l, f)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes. */
export async function renderTrendChart(l: Locale, f: DigestFigures): Promise<Uint8Array> {
  const svg = await trendSvg(l, f);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: WIDTH_PX }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png);
}
