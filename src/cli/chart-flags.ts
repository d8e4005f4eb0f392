/** The --png / --xlsx / --lang options shared by `split` and `estimate`. */
import type { ChartLang } from '../charts/lang';
import { UserError } from '../errors';
import { writeOutputFile } from './output-file';

export const PNG_OPTION = { png: { type: 'string' } } as const;
export const XLSX_OPTION = { xlsx: { type: 'string' } } as const;
export const LANG_OPTION = { lang: { type: 'string' } } as const;

export function chartLang(raw: string | undefined): ChartLang {
  if (raw === undefined || /^(zh|cn|中文)$/i.test(raw)) return 'zh';
  if (/^(en|english)$/i.test(raw)) return 'en';
  throw new UserError(`--lang must be zh or en (the language of the chart and spreadsheet labels); got "${raw}"`);
}

/** Renders and writes each requested file; nothing is rendered for a flag not given. */
export async function writeRequested(files: Array<{ flag: string; path: string | undefined; render: () => Promise<Buffer> }>): Promise<void> {
  for (const f of files) if (f.path !== undefined) await writeOutputFile(f.flag, f.path, await f.render());
}
