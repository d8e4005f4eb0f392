/**
 * Pictures and files beside a calculator's answer, for channels that can send them (the bot):
 * the split's chart with a short caption, the "📊 Excel" button and the workbook it sends, the
 * estimate's chart. Pure: it builds attachment requests; the channel renders them.
 */
import { indicatorOf } from '../charts/split-chart';
import { formatPercent, totalInWords } from '../charts/units';
import { isUserError } from '../errors';
import { t } from './i18n';
import type { ChatServices, SplitOutcome } from './ports';
import { p, splitErrorReply } from './replies';
import { MAX_STORED_SPLITS, type ChatSession, type EstimateChartInput, type Lang, type Reply, type StoredSplit } from './types';

export const EXCEL_ACTION = 'xlsx';
/** Telegram's caption limit. */
const MAX_CAPTION = 1024;

const TEXT = {
  zh: {
    excelButton: '📊 Excel',
    excelCaption: '收益分成表：各方份额、金额、逐年安排和计算步骤',
    excelFailed: '表格没能生成，请稍后再试；上面的文字结果不受影响。',
    split: '收益分成',
    total: '合计',
    years: (n: number) => `逐年安排 ${n} 年，见图`,
    estimate: (words: string) => `产出估算：${words}`,
  },
  en: {
    excelButton: '📊 Excel',
    excelCaption: 'The split as a spreadsheet: shares, amounts, the yearly schedule and the steps',
    excelFailed: 'The spreadsheet could not be made; please try again later. The text answer above stands.',
    split: 'Benefit split',
    total: 'total',
    years: (n: number) => `${n}-year schedule in the chart`,
    estimate: (words: string) => `Output estimate: ${words}`,
  },
} as const;

export function mediaText(lang: Lang) {
  return TEXT[lang];
}

function clip(s: string): string {
  return s.length <= MAX_CAPTION ? s : `${s.slice(0, MAX_CAPTION - 1)}…`;
}

/** `收益分成（税收）：衢州 60% · 杭州 40%，合计 1.5亿元`. */
export function splitCaption(r: SplitOutcome, lang: Lang): string {
  const m = TEXT[lang];
  const en = lang === 'en';
  const indicator = indicatorOf(r.steps);
  const ratio = Object.keys(r.shares).map((n) => `${n} ${formatPercent(r.shares[n])}`).join(' · ');
  const total = Object.values(r.amounts).reduce((a, b) => a + Math.round(b * 100), 0) / 100;
  const head = `${m.split}${indicator ? (en ? ` (${indicator})` : `（${indicator}）`) : ''}${en ? ': ' : '：'}${ratio}`;
  const years = r.schedule?.length ? `${en ? '; ' : '；'}${m.years(r.schedule.length)}` : '';
  return clip(`${head}${en ? `, ${m.total} ` : `，${m.total} `}${totalInWords(total, lang)}${years}`);
}

/**
 * The split's reply with its chart and the Excel button. What the split came from is kept in the
 * session (the last MAX_STORED_SPLITS), so the button's callback data is only `xlsx:<id>`.
 */
export function withSplitMedia(reply: Reply, result: SplitOutcome, from: Omit<StoredSplit, 'id'>, session: ChatSession, lang: Lang): Reply {
  session.splitSeq += 1;
  const id = session.splitSeq.toString(36);
  session.splits = [...session.splits, { id, ...from }].slice(-MAX_STORED_SPLITS);
  return {
    ...reply,
    attachment: { kind: 'split-chart', lang, result, caption: splitCaption(result, lang) },
    buttons: [...(reply.buttons ?? []), [{ label: TEXT[lang].excelButton, action: `${EXCEL_ACTION}:${id}` }]],
  };
}

/** The Excel button: the stored split, recomputed, as a workbook to send. */
export function excelReply(id: string, session: ChatSession, lang: Lang, services: ChatServices): { reply: Reply; ok: boolean } {
  const stored = session.splits.find((s) => s.id === id);
  if (!stored) return { reply: { blocks: [p(t(lang).pendingGone)] }, ok: false };
  try {
    const result = stored.text !== undefined ? services.splitFromText(stored.text) : services.computeSplit(stored.input);
    return { reply: { blocks: [], attachment: { kind: 'split-xlsx', lang, result, caption: TEXT[lang].excelCaption, filename: `enclave-split-${id}.xlsx` } }, ok: true };
  } catch (e) {
    // Only if the calculator's rules changed since (a new release): say so, as for any bad split.
    if (!isUserError(e)) throw e;
    return { reply: splitErrorReply(e.message, lang), ok: false };
  }
}

/** `产出估算：750,000 万元（75亿元）`. */
export function estimateCaption(d: EstimateChartInput, lang: Lang): string {
  const yuanPer: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
  const unit = d.unit ?? '';
  const figure = `${d.output.toLocaleString('en-US', { maximumFractionDigits: 6 })}${unit ? ` ${unit}` : ''}`;
  const words = yuanPer[unit] !== undefined ? totalInWords(d.output * yuanPer[unit], lang) : '';
  return clip(TEXT[lang].estimate(words && words !== figure ? `${figure}${lang === 'en' ? ` (${words})` : `（${words}）`}` : figure));
}
