/**
 * The fonts charts are drawn with, both Noto Sans (OFL) from npm packages, read from node_modules
 * (nothing is downloaded):
 * - CJK: Noto Sans SC Regular from @embedpdf/fonts-sc, an OpenType (CFF) file of 8 MB for
 *   simplified Chinese — resvg reads TTF/OTF only, not the WOFF2 of the web-font packages, and this
 *   is the smallest OTF/TTF Simplified Chinese Noto on npm (the full Google Fonts TTF is 10.5 MB a
 *   weight and renders about 4× slower);
 * - Latin: Noto Sans Regular and Bold from @embedpdf/fonts-latin (600 KB each). Listed first, it
 *   draws digits and Latin letters and resvg falls back to the CJK font for hanzi; text without
 *   hanzi (axis numbers, amounts) then never touches the 8 MB font, which makes a chart about a
 *   quarter faster to rasterise.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fonts as latinFonts } from '@embedpdf/fonts-latin';
import { fonts as cjkFonts } from '@embedpdf/fonts-sc';
import { CHART_FONT_FAMILY, CJK_FONT_FAMILY } from './spec';

export { CHART_FONT_FAMILY, CJK_FONT_FAMILY };

const require = createRequire(import.meta.url);

function packageFont(pkg: string, file: string): string {
  const path = join(dirname(require.resolve(pkg)), '..', 'fonts', file);
  if (!existsSync(path)) throw new Error(`chart font ${path} is missing; run npm ci to reinstall ${pkg}`);
  return path;
}

let cjk: string | undefined;
let all: string[] | undefined;

/** The CJK font file (Noto Sans SC Regular). */
export function chartFontFile(): string {
  cjk ??= packageFont('@embedpdf/fonts-sc', cjkFonts.find((f) => f.weight === 400)?.file ?? 'NotoSansHans-Regular.otf');
  return cjk;
}

/** Every font file resvg loads for a chart: Latin regular and bold, then CJK. */
export function chartFontFiles(): string[] {
  all ??= [
    ...[400, 700].map((w) => packageFont('@embedpdf/fonts-latin', latinFonts.find((f) => f.weight === w && !('italic' in f && f.italic))?.file ?? `NotoSans-${w === 700 ? 'Bold' : 'Regular'}.ttf`)),
    chartFontFile(),
  ];
  return all;
}
