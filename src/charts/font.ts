/**
 * The CJK font charts are drawn with: Noto Sans SC (OFL), Regular, from the npm package
 * @embedpdf/fonts-sc — an OpenType (CFF) font subset to GB 2312 (6,763 hanzi plus Latin and
 * punctuation, 8 MB), which resvg can load (it reads TTF/OTF, not the WOFF2 of web-font packages).
 * Nothing is downloaded: the file is inside the package in node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';
import { CHART_FONT_FAMILY } from './spec';

export { CHART_FONT_FAMILY };

let cached: string | undefined;

/** Absolute path of the font file; throws with a clear message when the package is missing. */
export function chartFontFile(): string {
  if (cached) return cached;
  const regular = fonts.find((f) => f.weight === 400)?.file ?? 'NotoSansHans-Regular.otf';
  const pkgMain = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const file = join(dirname(pkgMain), '..', 'fonts', regular);
  if (!existsSync(file)) throw new Error(`chart font ${file} is missing; run npm ci to reinstall @embedpdf/fonts-sc`);
  cached = file;
  return file;
}
