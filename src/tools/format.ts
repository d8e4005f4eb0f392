/** Plain-text renderings of tool results, for the CLI without --json, the terminal chat and the bot. */
import type { Citation } from './citations';
import type { ModeResult } from './classify';
import type { EstimateResult } from './estimate';
import { MODE_BY_ID } from './modes';
import type { SplitResult } from './split';

const DIRECTION_ZH: Record<string, string> = { forward: '正向', reverse: '反向', bidirectional: '双向', relay: '接力（多节点）' };

/** "150000000" → "150,000,000.00 元（1.5亿元）" */
export function formatYuan(amount: number): string {
  const fixed = amount.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',').replace(/(\.\d*?),(?=\d)/g, '$1');
  const words = Math.abs(amount) >= 1e8 ? `${+(amount / 1e8).toFixed(4)}亿元` : Math.abs(amount) >= 1e4 ? `${+(amount / 1e4).toFixed(4)}万元` : '';
  return `${fixed} 元${words ? `（${words}）` : ''}`;
}

export function formatSources(sources: Citation[], english = false): string[] {
  if (!sources.length) return [];
  return [english ? 'Sources:' : '依据（语料原文）：', ...sources.map((s, i) => `[${i + 1}] 「${s.quote}」 — ${s.source}${s.section ? ` › ${s.section}` : ''}`)];
}

export function formatSplitText(r: SplitResult): string {
  const names = Object.keys(r.amounts);
  const lines = ['分配结果：', ...names.map((n) => `  ${n}：${formatYuan(r.amounts[n])}，份额 ${(r.shares[n] * 100).toFixed(2)}%`)];
  if (r.schedule?.length) {
    lines.push('逐年安排：');
    for (const row of r.schedule) lines.push(`  第 ${row.year} 年：${names.map((n) => `${n} ${(row.shares[n] * 100).toFixed(2)}% = ${formatYuan(row.amounts[n])}`).join('；')}`);
  }
  lines.push('计算步骤：', ...r.steps.map((s, i) => `  ${i + 1}. ${s}`));
  lines.push(...formatSources(r.sources));
  return lines.join('\n');
}

export function formatEstimateText(r: EstimateResult): string {
  return [`面积 ${r.mu} 亩，产出 ${r.output}`, '计算步骤：', ...r.steps.map((s, i) => `  ${i + 1}. ${s}`), ...formatSources(r.sources)].join('\n');
}

export function formatModeText(r: ModeResult, english = false): string {
  const lines: string[] = [];
  if (!r.primary) {
    lines.push(english ? 'Mode: undecided.' : '模式：无法判断。', r.missing ?? '');
    if (r.candidates.length)
      lines.push(english ? 'Weak candidates:' : '可能的模式（信号不足）：', ...r.candidates.map((c) => `  ${english ? c.nameEn : c.nameZh} (${c.id}) ${c.score}`));
    return lines.filter(Boolean).join('\n');
  }
  const m = MODE_BY_ID[r.primary];
  lines.push(
    english ? `Mode: ${m.nameEn} (${m.id}); direction: ${r.direction}` : `模式：${m.nameZh}（${m.id}）；方向：${DIRECTION_ZH[r.direction ?? ''] ?? '—'}`,
    english ? m.definitionEn : m.definitionZh,
    english ? 'Why (signals that fired, with weights):' : '判断依据（命中的信号及权重）：',
  );
  for (const c of r.candidates) {
    const mode = MODE_BY_ID[c.id];
    lines.push(`  ${c.id === r.primary ? '→' : ' '} ${english ? mode.nameEn : mode.nameZh}：${c.score} = ${c.signals.map((s) => `${s.label}(${s.weight})`).join(' + ')}`);
  }
  if (m.examples.length) lines.push(english ? 'Examples in the corpus:' : '语料中的案例：', ...m.examples.map((e) => `  · ${english ? e.nameEn : e.name}：${e.note}`));
  if (r.recommendations.length) {
    lines.push(english ? 'Benefit-sharing mechanisms to consider (try them in the calculator):' : '建议的收益分配机制（可用计算器试算）：');
    for (const rec of r.recommendations) lines.push(`  · ${english ? rec.nameEn : rec.nameZh}：${rec.why} ${english ? 'e.g.' : '例如'} ${rec.calculator === 'split' ? 'split' : 'estimate'}: ${rec.example}`);
  }
  lines.push(...formatSources(r.sources, english));
  return lines.join('\n');
}
