// Draws the Teams app icons with pngjs (run once; the PNGs are committed):
//   color.png   192×192, full colour: two speech bubbles (a feedback conversation) on the accent colour
//   outline.png  32×32, white on transparent, as Teams requires
// Usage: npx tsx scripts/teams-icons.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const triangle = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape => (x, y) => {
  const s = (px: number, py: number, qx: number, qy: number) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** Coverage of a shape in a pixel, 4×4 supersampled, so edges are smooth. */
function coverage(shape: Shape, px: number, py: number, scale: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (shape((px + (i + 0.5) / 4) / scale, (py + (j + 0.5) / 4) / scale)) hits++;
  return hits / 16;
}

// Both icons are drawn on a 32-unit canvas and scaled.
const bubbleA = union(circle(12.5, 13, 8), triangle(7, 18, 11, 20, 5, 25));
const bubbleB = union(circle(20.5, 18, 7), triangle(24, 23, 27, 21, 28, 28));

function draw(size: number, paint: (png: PNG, i: number, px: number, py: number, scale: number) => void): PNG {
  const png = new PNG({ width: size, height: size });
  const scale = size / 32;
  for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) paint(png, (py * size + px) * 4, px, py, scale);
  return png;
}

function set(png: PNG, i: number, r: number, g: number, b: number, a: number): void {
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = a;
}

const accent = [0x1b, 0x6f, 0x6a];
const light = [0xf4, 0xc9, 0x5d];

const color = draw(192, (png, i, px, py, scale) => {
  const a = coverage(bubbleA, px, py, scale);
  const b = coverage(minus(bubbleB, bubbleA), px, py, scale);
  const bg = accent;
  const mix = (c: number[], k: number, base: number[]) => base.map((v, n) => Math.round(v * (1 - k) + c[n]! * k));
  let rgb = mix([255, 255, 255], a, bg);
  rgb = mix(light, b, rgb);
  set(png, i, rgb[0]!, rgb[1]!, rgb[2]!, 255);
});

const outlineShape = union(minus(bubbleA, circle(12.5, 13, 6)), minus(ring(20.5, 18, 7, 2), bubbleA), minus(triangle(24, 23, 27, 21, 28, 28), circle(20.5, 18, 5)));
const outline = draw(32, (png, i, px, py, scale) => {
  const k = coverage(outlineShape, px, py, scale);
  set(png, i, 255, 255, 255, Math.round(255 * k));
});

const dir = join(import.meta.dirname, '..', 'manifests', 'teams');
writeFileSync(join(dir, 'color.png'), PNG.sync.write(color));
writeFileSync(join(dir, 'outline.png'), PNG.sync.write(outline));
console.log(`wrote ${dir}/color.png and outline.png`);
