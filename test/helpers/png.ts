/** PNG decoding and pixel counting for the chart tests (pngjs). */
import { expect } from 'vitest';
import { PNG } from 'pngjs';

export interface Image {
  width: number;
  height: number;
  data: Buffer;
}

export function decodePng(bytes: Buffer): Image {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Pixels of exactly this colour (bar interiors are solid, so a party's bar is thousands of them). */
export function countColour(img: Image, hex: string): number {
  const [r, g, b] = rgbOf(hex);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === r && img.data[i + 1] === g && img.data[i + 2] === b) n++;
  return n;
}

/** Dark pixels (luminance < 128: text, axis lines) inside a box. */
export function inkIn(img: Image, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(img.height, Math.ceil(box.y1)); y++)
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(img.width, Math.ceil(box.x1)); x++) {
      const i = (y * img.width + x) * 4;
      if (0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2] < 128) n++;
    }
  return n;
}

/** The box's dark/light pattern as a string, to tell two renderings apart. */
export function inkPattern(img: Image, box: { x0: number; y0: number; x1: number; y1: number }): string {
  let s = '';
  for (let y = Math.floor(box.y0); y < Math.ceil(box.y1); y++)
    for (let x = Math.floor(box.x0); x < Math.ceil(box.x1); x++) {
      const i = (y * img.width + x) * 4;
      s += 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2] < 128 ? '#' : '.';
    }
  return s;
}

export function distinctColours(img: Image): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) seen.add((img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2]);
  return seen.size;
}

/** Where ECharts put a text element: the translate() of the first <text> holding exactly `label`. */
export function textPosition(svg: string, label: string): { x: number; y: number } | undefined {
  for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    if (m[2] !== label) continue;
    const t = /transform="(?:translate|matrix)\(([^)]*)\)"/.exec(m[1]);
    if (!t) continue;
    const nums = t[1].split(/[ ,]+/).map(Number);
    const dy = Number(/\by="([-\d.]+)"/.exec(m[1])?.[1] ?? 0);
    return nums.length === 6 ? { x: nums[4], y: nums[5] + dy } : { x: nums[0], y: nums[1] + dy };
  }
  return undefined;
}
