/**
 * Builders of neutral replies for each kind of result (answer, split, mode…). Pure: data in,
 * Reply out; the channels decide how it looks.
 */
import { t } from './i18n';
import type { ChatServices, ModeOutcome, SourceRef, SplitOutcome } from './ports';
import type { Block, Button, Inline, Lang, Reply, StoredAnswer } from './types';

export function p(...parts: Inline[]): Block {
  return { kind: 'p', parts };
}

export function textReply(...lines: string[]): Reply {
  return { blocks: lines.map((l) => p(l)) };
}

/** `**x**` / `__x__` → bold parts; the rest stays plain text (the channel escapes it). */
export function markdownInline(text: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(/\*\*(?=\S)([^*\n]+?)\*\*|__(?=\S)([^_\n]+?)__/g)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ b: m[1] ?? m[2] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts.length ? parts : [text];
}

/**
 * One paragraph of a model's answer: Markdown bullets (`- `, `* `) become a list, `# ` headings bold
 * lines and `**x**` bold, instead of showing the marks literally in Telegram. Numbered lines stay
 * text: they read well as they are, and a renumbered list would alter a quoted `3.`.
 */
export function markdownBlocks(para: string): Block[] {
  const lines = para.split('\n').map((l) => l.trim()).filter(Boolean);
  const blocks: Block[] = [];
  let list: Inline[][] | undefined;
  const flush = () => {
    if (list) blocks.push({ kind: 'list', items: list });
    list = undefined;
  };
  let text: string[] = [];
  const flushText = () => {
    if (text.length) blocks.push(p(...markdownInline(text.join('\n'))));
    text = [];
  };
  for (const line of lines) {
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (bullet) {
      flushText();
      (list ??= []).push(markdownInline(bullet[1]));
    } else {
      flush();
      if (heading) {
        flushText();
        blocks.push(p({ b: heading[1].replace(/\*\*/g, '') }));
      } else text.push(line);
    }
  }
  flushText();
  flush();
  return blocks;
}

function citationLine(c: StoredAnswer['citations'][number]): Inline[] {
  return [{ b: `[${c.n}]` }, ` ${c.title}${c.section ? ` › ${c.section}` : ''}`];
}

/** An answer with its numbered citations; with `withQuotes`, the quoted sentences too (the sources button). */
export function answerReply(a: StoredAnswer, opts: { withQuotes?: boolean; suggestions?: string[] } = {}): Reply {
  const m = t(a.lang);
  const blocks: Block[] = [];
  if (!a.answered && !a.answer.trim()) blocks.push(p(m.declined));
  for (const para of a.answer.split(/\n{2,}/).map((s) => s.trim()).filter(Boolean)) blocks.push(...markdownBlocks(para));
  if (a.note) blocks.push(p({ i: a.note }));
  if (opts.suggestions?.length) {
    blocks.push(p({ b: m.suggestions }));
    blocks.push({ kind: 'list', items: opts.suggestions.map((s) => [s]) });
  }
  if (a.citations.length) {
    blocks.push(p({ b: m.citationsTitle }));
    blocks.push({ kind: 'list', items: a.citations.map(citationLine) });
  }
  if (opts.withQuotes && a.citations.length) {
    blocks.push(p({ b: m.quotedSourcesTitle }));
    for (const c of a.citations) blocks.push({ kind: 'quote', parts: [{ b: `[${c.n}] ` }, c.quote, { i: ` — ${c.title}${c.section ? ` › ${c.section}` : ''}` }] });
  }
  const row: Button[] = [];
  if (!opts.withQuotes && a.citations.length) row.push({ label: m.showSources, action: `src:${a.id}` });
  row.push({ label: m.followUp, action: 'fu' });
  return { blocks, buttons: [row] };
}

/** Display width of a string in a monospace font: CJK and full-width characters take two cells. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain monospace table: the first `left` columns left-aligned, the rest (numbers) right-aligned. */
export function table(header: string[], rows: string[][], left = 1): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  const line = (r: string[]) => r.map((cell, c) => pad(cell ?? '', widths[c], c >= left)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatMoney(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function formatShare(s: number): string {
  return `${(s * 100).toFixed(2)}%`;
}

function sourceBlocks(sources: SourceRef[], services: ChatServices, max = 4): Block[] {
  const titles = new Map(services.documents().map((d) => [d.source, d.title]));
  const seen = new Set<string>();
  const blocks: Block[] = [];
  for (const s of sources) {
    const key = `${s.source}|${s.quote}`;
    if (seen.has(key) || blocks.length >= max) continue;
    seen.add(key);
    const title = titles.get(s.source) ?? s.source;
    blocks.push({ kind: 'quote', parts: [s.quote, { i: ` — ${title}${s.section ? ` › ${s.section}` : ''}` }] });
  }
  return blocks;
}

/** The calculator refused the input: its message, and a button to the guided form instead. */
export function splitErrorReply(message: string, lang: Lang): Reply {
  const m = t(lang);
  return { blocks: [p({ b: m.splitError }, message)], buttons: [[{ label: m.formIntroSplit.replace(/[（(].*$/, ''), action: 'form:split' }]] };
}

export function splitReply(r: SplitOutcome, lang: Lang, services: ChatServices): Reply {
  const m = t(lang);
  const names = Object.keys(r.shares);
  // What is split (税收, GDP…) is named in the first step, where the calculator states it.
  const blocks: Block[] = [p({ b: m.splitTitle })];
  blocks.push({
    kind: 'pre',
    text: table([m.party, m.share, m.amount], names.map((n) => [n, formatShare(r.shares[n]), formatMoney(r.amounts[n] ?? 0)])),
  });
  if (r.schedule?.length) {
    blocks.push(p({ b: m.scheduleTitle }));
    // Long format (one row per year and party): stays narrow enough for a phone.
    const rows = r.schedule.flatMap((y) => names.map((n, k) => [k === 0 ? String(y.year) : '', n, formatShare(y.shares[n] ?? 0), formatMoney(y.amounts[n] ?? 0)]));
    blocks.push({ kind: 'pre', text: table([m.year, m.party, m.share, m.amount], rows, 2) });
  }
  if (r.steps.length) {
    blocks.push(p({ b: m.stepsTitle }));
    blocks.push({ kind: 'list', ordered: true, items: r.steps.map((s) => [s]) });
  }
  const src = sourceBlocks(r.sources, services);
  if (src.length) blocks.push(p({ b: m.basisTitle }), ...src);
  return { blocks };
}

function modeName(id: string, lang: Lang, services: ChatServices, c?: { nameZh: string; nameEn: string }): string {
  const info = services.modeInfo(id);
  const zh = c?.nameZh ?? info?.zh;
  const en = c?.nameEn ?? info?.en;
  if (lang === 'en') return en ? `${en}${zh ? ` (${zh})` : ''}` : zh ?? id;
  return zh ?? en ?? id;
}

export function modeReply(r: ModeOutcome, lang: Lang, services: ChatServices): Reply {
  const m = t(lang);
  const sep = lang === 'en' ? ', ' : '、';
  const colon = lang === 'en' ? ': ' : '：';
  if (!r.primary) {
    const missing = r.missing || m.modeAddDefault;
    return { blocks: [p(m.modeUnknown), p({ b: m.modeAddInfo }, ' ', missing)] };
  }
  const top = r.candidates.find((c) => c.id === r.primary);
  const blocks: Block[] = [p({ b: `${m.modeTitle}${colon}` }, { b: modeName(r.primary, lang, services, top) })];
  if (r.direction) blocks.push(p(`${m.direction}${colon}${m.directions[r.direction] ?? r.direction}`));
  const signals = (top?.signals ?? []).map((s) => s.label);
  if (signals.length) blocks.push(p(`${m.signals}${colon}${[...new Set(signals)].slice(0, 6).join(sep)}`));
  const others = r.candidates.filter((c) => c.id !== r.primary && c.score > 0).slice(0, 2);
  if (others.length) blocks.push(p(`${m.otherCandidates}${colon}${others.map((c) => `${modeName(c.id, lang, services, c)} (${m.score} ${c.score})`).join(sep)}`));
  if (r.recommendations.length) {
    blocks.push(p({ b: m.recommendations }));
    blocks.push({
      kind: 'list',
      items: r.recommendations.slice(0, 5).map((rec): Inline[] => [{ b: lang === 'en' ? rec.nameEn : rec.nameZh }, rec.why ? `${colon}${rec.why}` : '']),
    });
    blocks.push(p({ i: m.tryCalc }));
  }
  const src = sourceBlocks(r.sources, services, 3);
  if (src.length) blocks.push(p({ b: m.basisTitle }), ...src);
  return { blocks };
}
