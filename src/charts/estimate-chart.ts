/**
 * Chart spec for an output estimate (pure): the figure and the inputs it came from, as three
 * cards — area (and its 亩), × output per 亩, = output — drawn with ECharts' graphic component.
 */
import type { EChartsOption } from 'echarts';
import { z } from 'zod';
import { chartLabels } from './labels';
import type { ChartLang } from './lang';
import { BASE_OPTION, CHART_FONT_FAMILY, CHART_WIDTH, type ChartSpec } from './spec';
import { groupNumber, totalInWords } from './units';

/** The estimate's input (as given to the calculator) and its result, side by side. */
export const EstimateChartDataSchema = z.object({
  area: z.object({ km2: z.number().optional(), mu: z.number().optional() }),
  outputPerMu: z.number(),
  unit: z.string().optional(),
  mu: z.number(),
  output: z.number(),
});
export type EstimateChartData = z.infer<typeof EstimateChartDataSchema>;

export const ESTIMATE_CHART_HEIGHT = 520;

const YUAN_PER: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

interface Card {
  heading: string;
  figure: string;
  note: string;
  accent: boolean;
}

function cardElements(card: Card, x: number, y: number, w: number, h: number): object[] {
  const text = (t: string, dy: number, fontSize: number, fill: string, fontWeight: 'normal' | 'bold' = 'normal') => ({
    type: 'text' as const,
    x: x + w / 2,
    y: y + dy,
    style: { text: t, fontSize, fontWeight, fill, align: 'center' as const, verticalAlign: 'middle' as const, fontFamily: CHART_FONT_FAMILY, width: w - 24, overflow: 'break' as const },
  });
  return [
    { type: 'rect', shape: { x, y, width: w, height: h, r: 14 }, style: { fill: card.accent ? '#e8f1fc' : '#f5f6f8', stroke: card.accent ? '#1f6fd1' : '#c9ced6', lineWidth: 2 } },
    text(card.heading, 42, 22, '#555555'),
    text(card.figure, h / 2 + 6, card.figure.length > 14 ? 30 : 38, card.accent ? '#1f6fd1' : '#222222', 'bold'),
    text(card.note, h - 44, 20, '#555555'),
  ];
}

export function estimateChartSpec(raw: unknown, lang: ChartLang): ChartSpec {
  const d = EstimateChartDataSchema.parse(raw);
  const L = chartLabels(lang);
  const unit = d.unit ?? '';
  const n = (v: number) => groupNumber(v, 6);
  const areaCard: Card =
    d.area.km2 !== undefined
      ? { heading: L.area, figure: `${n(d.area.km2)} ${L.km2}`, note: `= ${n(d.mu)} ${L.mu}`, accent: false }
      : { heading: L.area, figure: `${n(d.mu)} ${L.mu}`, note: '', accent: false };
  const perMuCard: Card = { heading: L.perMu, figure: n(d.outputPerMu), note: unit ? L.perMuUnit(unit) : lang === 'en' ? 'per mu' : '每亩', accent: false };
  const yuan = YUAN_PER[unit] !== undefined ? d.output * YUAN_PER[unit] : undefined;
  const words = yuan !== undefined ? totalInWords(yuan, lang) : '';
  const outputCard: Card = { heading: L.output, figure: `${n(d.output)}${unit ? ` ${unit}` : ''}`, note: words ? `= ${words}` : '', accent: true };

  const w = 320;
  const h = 260;
  const gap = 80;
  const left = (CHART_WIDTH - (3 * w + 2 * gap)) / 2;
  const top = 150;
  const operator = (sign: string, i: number) => ({
    type: 'text' as const,
    x: left + (i + 1) * w + i * gap + gap / 2,
    y: top + h / 2,
    style: { text: sign, fontSize: 48, fill: '#555555', align: 'center' as const, verticalAlign: 'middle' as const, fontFamily: CHART_FONT_FAMILY },
  });
  const graphic = [
    ...cardElements(areaCard, left, top, w, h),
    operator('×', 0),
    ...cardElements(perMuCard, left + w + gap, top, w, h),
    operator('=', 1),
    ...cardElements(outputCard, left + 2 * (w + gap), top, w, h),
  ];
  const formula = lang === 'en' ? '1 km² = 1,500 mu; output = mu × output per mu' : '1 平方公里 = 1500 亩；产出 = 亩数 × 亩均产出';
  return {
    option: {
      ...BASE_OPTION,
      title: { text: L.estimateTitle, subtext: formula, left: 'center', top: 14, textStyle: { fontSize: 28, fontWeight: 'bold' }, subtextStyle: { fontSize: 18, color: '#555555' } },
      graphic: graphic as EChartsOption['graphic'],
    },
    width: CHART_WIDTH,
    height: ESTIMATE_CHART_HEIGHT,
  };
}
