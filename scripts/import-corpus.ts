/**
 * Converts the five extracted texts in ../shared/corpus-src/ into cleaned Markdown files in corpus/.
 *
 *   npx tsx scripts/import-corpus.ts [srcDir=../shared/corpus-src] [outDir=corpus]
 *
 * Deterministic: same input → byte-identical output. Per-document facts and layout rules live in
 * scripts/corpus-meta.json; the logic here is generic. Body words are never rewritten: lines are only
 * joined, artefact lines dropped, footnote marks removed and whole blocks (abstracts, notes, figure
 * captions) moved to their own sections.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isBarePageNumber, joinLines, lineWidth, localFullWidth, renderFrontMatter, SENTENCE_END } from '../src/corpus/clean';

const BlockSpecSchema = z.object({
  kind: z.enum(['abstract-zh', 'abstract-en', 'notes', 'references', 'figure', 'drop']),
  start: z.string(),
  /** Inclusive end line; absent → to the end of the file. */
  end: z.string().optional(),
  /** Take every match, not only the first (e.g. one-line footnotes scattered over pages). */
  repeat: z.boolean().optional(),
});
type BlockSpec = z.infer<typeof BlockSpecSchema>;

export const DocConfigSchema = z.object({
  id: z.string(),
  source: z.string(),
  format: z.enum(['markdown', 'pdftext']),
  title: z.string(),
  titleEn: z.string().optional(),
  authors: z.array(z.string()),
  venue: z.string().optional(),
  year: z.number().int().optional(),
  lang: z.enum(['zh', 'en', 'zh-en']),
  dropLines: z.array(z.string()).default([]),
  fixes: z.array(z.tuple([z.string(), z.string()])).default([]),
  blocks: z.array(BlockSpecSchema).default([]),
  headings: z.array(z.object({ level: z.number().int().min(2).max(4), pattern: z.string() })),
  runIn: z.array(z.object({ level: z.number().int().min(2).max(4), pattern: z.string() })).default([]),
  removeCitationBrackets: z.boolean().default(false),
  /** Lines after which a paragraph ends although the layout does not show it (e.g. a deck without a full stop). */
  breakAfter: z.array(z.string()).default([]),
});
export type DocConfig = z.infer<typeof DocConfigSchema>;

const MetaFileSchema = z.object({ documents: z.array(DocConfigSchema.passthrough()) });

interface Line {
  text: string;
  /** Index in the list of non-blank source lines (for error messages). */
  n: number;
}

type Item =
  | { type: 'line'; line: Line }
  | { type: 'heading'; level: number; text: string }
  /** A paragraph that interrupted the text (figure caption); emitted after the current paragraph. */
  | { type: 'deferred'; text: string };

export { joinLines, lineWidth };

const CIRCLED = /[\u2460-\u2473]/g; // ①…⑳
const TERMINAL = SENTENCE_END;

function cleanInline(s: string, cfg: DocConfig): string {
  let t = s
    .replace(/<sup>[^<]*<\/sup>/g, '')
    .replace(/\\\*/g, '')
    .replace(/\*\*/g, '')
    .replace(CIRCLED, '');
  if (cfg.removeCitationBrackets) t = t.replace(/\[\d+(?:\s*[-–,，]\s*\d+)*\]/g, '');
  // Quote marks the PDF extraction put on the wrong side of a neighbour: “。 and “” never occur in print.
  t = t.replace(/“。/g, '。“').replace(/“”/g, '”“');
  for (const [from, to] of cfg.fixes) t = t.split(from).join(to);
  return t.trim();
}

function compile(p: string): RegExp {
  return new RegExp(p, 'u');
}

/** Removes the configured blocks from the line list and returns them grouped by kind. */
function extractBlocks(lines: Line[], cfg: DocConfig) {
  const claimed = new Map<number, { spec: BlockSpec; start: number; end: number }>();
  const found: { spec: BlockSpec; lines: Line[]; at: number }[] = [];
  for (const spec of cfg.blocks) {
    const startRe = compile(spec.start);
    const endRe = spec.end ? compile(spec.end) : undefined;
    let any = false;
    for (let i = 0; i < lines.length; i++) {
      if (claimed.has(i) || !startRe.test(lines[i].text)) continue;
      let j = i;
      if (!endRe) j = lines.length - 1;
      else {
        while (j < lines.length && !endRe.test(lines[j].text)) j++;
        if (j >= lines.length) throw new Error(`${cfg.source}: block ${spec.kind} starting at "${lines[i].text.slice(0, 30)}" has no end /${spec.end}/`);
      }
      for (let k = i; k <= j; k++) claimed.set(k, { spec, start: i, end: j });
      found.push({ spec, lines: lines.slice(i, j + 1), at: i });
      any = true;
      if (!spec.repeat) break;
      i = j;
    }
    if (!any) throw new Error(`${cfg.source}: block ${spec.kind} /${spec.start}/ not found`);
  }
  const rest: (Line | { deferred: string })[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = claimed.get(i);
    if (!c) rest.push(lines[i]);
    else if (c.spec.kind === 'figure' && i === c.start) {
      // Keep the Chinese caption lines (图N …), drop the English caption and the source note.
      const caption = lines.slice(c.start, c.end + 1).filter((l) => /^图\s*\d/.test(l.text)).map((l) => l.text);
      for (const cap of caption) rest.push({ deferred: cap });
    }
  }
  return { rest, found: found.sort((a, b) => a.at - b.at) };
}

function unbalancedQuote(s: string): boolean {
  return (s.match(/“/g) ?? []).length > (s.match(/”/g) ?? []).length;
}

function headingLevel(text: string, cfg: DocConfig): number | undefined {
  for (const h of cfg.headings) if (compile(h.pattern).test(text)) return h.level;
  return undefined;
}

/** Turns body lines into headings, plain lines and deferred captions. */
function classify(rest: (Line | { deferred: string })[], cfg: DocConfig): Item[] {
  const items: Item[] = [];
  const widths = rest.map((l) => ('deferred' in l ? 0 : lineWidth(l.text)));
  for (let i = 0; i < rest.length; i++) {
    const l = rest[i];
    if ('deferred' in l) {
      items.push({ type: 'deferred', text: l.deferred });
      continue;
    }
    let level = headingLevel(l.text, cfg);
    if (level !== undefined) {
      let text = l.text;
      if (cfg.format === 'pdftext') {
        // A heading too long for one line continues on a short next line ("…合作的" / "重点方向").
        const full = localFullWidth(widths, i);
        while (
          i + 1 < rest.length &&
          !('deferred' in rest[i + 1]) &&
          !/[。：]$/.test(text) &&
          (widths[i + 1] < full * 0.6 || unbalancedQuote(text)) &&
          headingLevel((rest[i + 1] as Line).text, cfg) === undefined
        ) {
          i++;
          text = joinLines(text, (rest[i] as Line).text);
        }
      }
      items.push({ type: 'heading', level, text: cleanInline(text, cfg) });
      continue;
    }
    const runIn = cfg.runIn.find((r) => compile(r.pattern).test(l.text));
    if (runIn) {
      const m = compile(runIn.pattern).exec(l.text)!;
      items.push({ type: 'heading', level: runIn.level, text: cleanInline(m[0], cfg) });
      const remainder = l.text.slice(m[0].length);
      if (remainder) items.push({ type: 'heading', level: -1, text: '' }, { type: 'line', line: { ...l, text: remainder } });
      continue;
    }
    items.push({ type: 'line', line: l });
  }
  return items.filter((it) => !(it.type === 'heading' && it.level === -1));
}

/** Builds paragraphs: a paragraph ends at a sentence end on a visibly short line, or before a heading. */
function assemble(items: Item[], cfg: DocConfig): string[] {
  const out: string[] = [];
  const lineWidths = items.map((it) => (it.type === 'line' ? lineWidth(it.line.text) : 0));
  let cur: string | undefined;
  let deferred: string[] = [];
  const flush = () => {
    if (cur !== undefined) {
      const p = cleanInline(cur, cfg);
      if (p) out.push(p);
    }
    cur = undefined;
    for (const d of deferred) out.push(cleanInline(d, cfg));
    deferred = [];
  };
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.type === 'heading') {
      flush();
      out.push(`${'#'.repeat(it.level)} ${it.text}`);
      continue;
    }
    if (it.type === 'deferred') {
      if (cur === undefined) out.push(cleanInline(it.text, cfg));
      else deferred.push(it.text);
      continue;
    }
    const text = it.line.text;
    cur = cur === undefined ? text : joinLines(cur, text);
    const stripped = cleanInline(text, cfg);
    let ends = TERMINAL.test(stripped);
    if (ends && cfg.format === 'pdftext') {
      const full = localFullWidth(lineWidths, i);
      ends = lineWidths[i] < full - 3;
    }
    if (!ends && cfg.breakAfter.some((p) => compile(p).test(text))) ends = true;
    if (ends) flush();
  }
  flush();
  return out;
}

function paragraphsOf(lines: Line[], startsParagraph: (s: string) => boolean): string[] {
  const paras: string[] = [];
  for (const l of lines) {
    if (paras.length === 0 || startsParagraph(l.text)) paras.push(l.text);
    else paras[paras.length - 1] = joinLines(paras[paras.length - 1], l.text);
  }
  return paras;
}

function renderBlocks(found: { spec: BlockSpec; lines: Line[] }[], cfg: DocConfig) {
  const zh: string[] = [];
  const en: string[] = [];
  const notes: string[] = [];
  const refs: string[] = [];
  for (const { spec, lines } of found) {
    const texts = lines.map((l) => ({ ...l, text: l.text.replace(/^#+\s*/, '') }));
    switch (spec.kind) {
      case 'abstract-zh': {
        const paras = paragraphsOf(texts, (s) => /^(\[关键词\]|关键词|关 键 词)/.test(s));
        zh.push(...paras.map((p, k) => (k === 0 ? p.replace(/^(\[摘要\]|摘\s*要[：:]|提\s*要)\s*/, '') : p)));
        break;
      }
      case 'abstract-en': {
        const from = texts.findIndex((l) => /^(\*\*)?Abstract/.test(l.text));
        if (from < 0) throw new Error(`${cfg.source}: English block has no "Abstract" line`);
        const paras = paragraphsOf(texts.slice(from), (s) => /^(\*\*)?Key ?words/i.test(s) || /^(\*\*)?【/.test(s));
        for (const [k, p] of paras.entries()) {
          if (/^(\*\*)?【/.test(p)) continue; // editor's line
          en.push(k === 0 ? p.replace(/^(\*\*)?Abstract\s*[:：]\s*(\*\*)?\s*/, '') : p);
        }
        break;
      }
      case 'notes': {
        const body = texts.filter((l) => !/^注释$/.test(l.text));
        notes.push(...paragraphsOf(body, (s) => /^[\u2460-\u2473]/.test(s)));
        break;
      }
      case 'references': {
        const body = texts.filter((l) => !/^参考文献$/.test(l.text));
        refs.push(...body.map((l) => l.text));
        break;
      }
      default:
        break;
    }
  }
  const clean = (ps: string[]) => ps.map((p) => cleanInline(p, { ...cfg, removeCitationBrackets: false }));
  // Notes keep their ①… numbers: they are the note labels, not stray marks.
  const cleanNote = (p: string) => {
    const m = /^([\u2460-\u2473])\s*/.exec(p);
    return m ? `${m[1]} ${cleanInline(p.slice(m[0].length), cfg)}` : cleanInline(p, cfg);
  };
  return { zh: clean(zh), en: clean(en), notes: notes.map(cleanNote), refs: clean(refs) };
}

export function frontMatter(cfg: DocConfig): string {
  return renderFrontMatter(cfg);
}

export function convert(raw: string, cfg: DocConfig): string {
  const all: Line[] = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t) => t.replace(/^#+\s+/, '').trim())
    .filter((t) => t.length > 0)
    .map((text, n) => ({ text, n }));
  const drops = cfg.dropLines.map(compile);
  const kept = all.filter((l) => !isBarePageNumber(l.text) && !drops.some((re) => re.test(l.text)));
  const { rest, found } = extractBlocks(kept, cfg);
  const items = classify(rest, cfg);
  const body = assemble(items, cfg);
  const { zh, en, notes, refs } = renderBlocks(found, cfg);

  const parts: string[] = [`# ${cfg.title}`, ...body];
  if (zh.length) parts.push('## 摘要', ...zh);
  if (en.length) parts.push('## Abstract', ...en);
  if (notes.length) parts.push('## 注释', ...notes);
  if (refs.length) parts.push('## 参考文献', ...refs);
  return frontMatter(cfg) + '\n' + parts.join('\n\n') + '\n';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const here = fileURLToPath(new URL('.', import.meta.url));

/** The per-document configuration in scripts/corpus-meta.json, validated. */
export function loadMeta(): DocConfig[] {
  const meta = MetaFileSchema.parse(JSON.parse(readFileSync(join(here, 'corpus-meta.json'), 'utf8')));
  return meta.documents.map((d) => DocConfigSchema.parse(d));
}

function main(argv: string[]): void {
  const srcDir = resolve(argv[0] ?? join(here, '..', '..', 'shared', 'corpus-src'));
  const outDir = resolve(argv[1] ?? join(here, '..', 'corpus'));
  if (!existsSync(srcDir)) {
    console.error(`Source directory ${srcDir} not found. Pass it as the first argument.`);
    process.exit(1);
  }
  const configs = loadMeta();
  mkdirSync(outDir, { recursive: true });
  const expected = new Set(configs.map((d) => `${d.id}.md`));
  for (const f of readdirSync(outDir)) if (/^\d{3}-.*\.md$/.test(f) && !expected.has(f)) unlinkSync(join(outDir, f));
  const manifest: { files: { file: string; id: string; source: string; sha256: string; chars: number }[] } = { files: [] };
  for (const cfg of configs) {
    const raw = readFileSync(join(srcDir, cfg.source), 'utf8');
    const md = convert(raw, cfg);
    const file = `${cfg.id}.md`;
    writeFileSync(join(outDir, file), md);
    manifest.files.push({ file, id: cfg.id, source: cfg.source, sha256: sha256(md), chars: md.length });
    console.log(`${file}  ${md.length} chars  ← ${cfg.source}`);
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${manifest.files.length} files and manifest.json to ${outDir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
