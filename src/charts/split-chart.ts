/**
 * Chart specs for a split (pure: data in, ECharts option out).
 * - one year: one bar per party, labelled with its amount and share;
 * - a schedule (buffer years, yearly revenue, phases…): one group of bars per year, a bar per
 *   party, and each party's share that year as a dashed line on a % axis with its target share
 *   marked. Any schedule the calculator returns charts: rows need only `year` and `amounts`.
 */
import type { BarSeriesOption, EChartsOption, LineSeriesOption } from 'echarts';
import { z } from 'zod';
import { chartLabels } from './labels';
import type { ChartLang } from './lang';
import { partyColour } from './palette';
import { BASE_OPTION, CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from './spec';
import { amountUnit, formatAmount, formatPercent, groupNumber, totalInWords } from './units';

const NumberMap = z.record(z.string(), z.number());

/** The part of the calculator's result a chart reads; extra fields (phases, labels) pass through. */
export const SplitChartDataSchema = z.looseObject({
  shares: NumberMap,
  amounts: NumberMap,
  schedule: z.array(z.looseObject({ year: z.number(), shares: NumberMap.optional(), amounts: NumberMap, label: z.string().optional() })).optional(),
  steps: z.array(z.string()).optional(),
});
export type SplitChartData = z.infer<typeof SplitChartDataSchema>;

/** What is split (税收, GDP…), as the calculator's first step names it: `指标：税收（…`. */
export function indicatorOf(steps: string[] | undefined): string | undefined {
  for (const s of steps ?? []) {
    const m = /^指标：([^（(；;]+)/.exec(s);
    if (m && m[1].trim() && m[1].trim() !== '收益') return m[1].trim();
  }
  return undefined;
}

function title(text: string, subtext: string): EChartsOption['title'] {
  return { text, subtext, left: 'center', top: 14, textStyle: { fontSize: 28, fontWeight: 'bold' }, subtextStyle: { fontSize: 18, color: '#555555' }, itemGap: 10 };
}

function splitTitle(data: SplitChartData, lang: ChartLang, scheduled: boolean): { text: string; subtext: string } {
  const L = chartLabels(lang);
  const indicator = indicatorOf(data.steps);
  const head = scheduled ? L.scheduleTitle : L.splitTitle;
  const colon = lang === 'en' ? ': ' : '：';
  const total = Object.values(data.amounts).reduce((a, b) => a + b, 0);
  const ratio = Object.keys(data.shares).map((n) => `${n} ${formatPercent(data.shares[n])}`).join(' · ');
  return {
    text: `${head}${indicator ? `${colon}${indicator}` : ''}`,
    subtext: scheduled ? `${L.target}${colon}${ratio}` : `${L.total} ${totalInWords(total, lang)} · ${ratio}`,
  };
}

/** One bar per party with its amount and share. */
function oneYearOption(data: SplitChartData, lang: ChartLang): EChartsOption {
  const names = Object.keys(data.amounts);
  const unit = amountUnit(Math.max(0, ...names.map((n) => Math.abs(data.amounts[n]))), lang);
  const t = splitTitle(data, lang, false);
  const series: BarSeriesOption = {
    type: 'bar',
    barMaxWidth: 180,
    data: names.map((n, i) => ({
      value: data.amounts[n] / unit.divisor,
      itemStyle: { color: partyColour(i) },
      label: { formatter: `${formatAmount(data.amounts[n], unit)}\n${formatPercent(data.shares[n] ?? 0)}`.replace(/[{}]/g, '') },
    })),
    label: { show: true, position: 'top', fontSize: 20, lineHeight: 28, color: '#222222' },
  };
  return {
    ...BASE_OPTION,
    title: title(t.text, t.subtext),
    grid: { left: 110, right: 50, top: 150, bottom: 70 },
    xAxis: { type: 'category', data: names, axisLabel: { fontSize: 22, interval: 0, color: '#222222' }, axisTick: { show: false } },
    // Headroom above the tallest bar for its two-line label.
    yAxis: { type: 'value', name: unit.name, boundaryGap: [0, '12%'], nameTextStyle: { fontSize: 16 }, axisLabel: { fontSize: 15, formatter: (v: number) => groupNumber(v) } },
    series: [series],
  };
}

/** One bar group per year (a bar per party), each party's share that year on a % axis, its target marked. */
function scheduleOption(data: SplitChartData, lang: ChartLang): EChartsOption {
  const L = chartLabels(lang);
  const schedule = data.schedule ?? [];
  const names = Object.keys(data.amounts);
  for (const row of schedule) for (const n of Object.keys(row.amounts)) if (!names.includes(n)) names.push(n);
  const max = Math.max(0, ...schedule.flatMap((r) => names.map((n) => Math.abs(r.amounts[n] ?? 0))));
  const unit = amountUnit(max, lang);
  const categories = schedule.map((r) => r.label ?? L.year(r.year));
  // Numbers on every bar only while they fit; the spreadsheet and the text carry them all.
  const labelled = schedule.length * names.length <= 12;
  const withShares = schedule.every((r) => r.shares);
  const bars: BarSeriesOption[] = names.map((n, i) => ({
    type: 'bar',
    name: n,
    barMaxWidth: 70,
    itemStyle: { color: partyColour(i) },
    data: schedule.map((r) => (r.amounts[n] ?? 0) / unit.divisor),
    label: { show: labelled, position: 'top', fontSize: 14, formatter: (p: { value: unknown }) => groupNumber(Number(p.value), 2) },
  }));
  const lines: LineSeriesOption[] = withShares
    ? names.map((n, i) => {
        const target = data.shares[n];
        return {
          type: 'line',
          name: `${n} ${L.yearShare}`,
          yAxisIndex: 1,
          symbol: 'circle',
          symbolSize: 7,
          itemStyle: { color: partyColour(i) },
          lineStyle: { type: 'dashed', width: 2, color: partyColour(i) },
          data: schedule.map((r) => Number(((r.shares?.[n] ?? 0) * 100).toFixed(4))),
          ...(target !== undefined
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dotted', width: 2, color: partyColour(i) },
                  label: { formatter: `${n} ${L.target} ${formatPercent(target)}`.replace(/[{}]/g, ''), position: 'end', distance: 58, fontSize: 14, color: partyColour(i) },
                  data: [{ yAxis: Number((target * 100).toFixed(4)) }],
                },
              }
            : {}),
        };
      })
    : [];
  const t = splitTitle(data, lang, true);
  return {
    ...BASE_OPTION,
    title: title(t.text, t.subtext),
    legend: { bottom: 12, textStyle: { fontSize: 15 }, itemGap: 18 },
    // Room on the right for the % axis and, beyond it, the target labels (clear of the bars).
    grid: { left: 110, right: withShares ? 230 : 50, top: 150, bottom: 110 },
    xAxis: { type: 'category', data: categories, axisLabel: { fontSize: 16, color: '#222222' }, axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', name: unit.name, boundaryGap: [0, '8%'], nameTextStyle: { fontSize: 16 }, axisLabel: { fontSize: 15, formatter: (v: number) => groupNumber(v) } },
      ...(withShares
        ? [{ type: 'value' as const, name: `${L.share} %`, min: 0, max: 100, nameTextStyle: { fontSize: 16 }, axisLabel: { fontSize: 15, formatter: '{value}%' }, splitLine: { show: false } }]
        : []),
    ],
    series: [...bars, ...lines],
  };
}

/** The chart of a split result: a schedule when it has one, else one bar per party. */
export function splitChartSpec(raw: unknown, lang: ChartLang): ChartSpec {
  const data = SplitChartDataSchema.parse(raw);
  const option = data.schedule?.length ? scheduleOption(data, lang) : oneYearOption(data, lang);
  return { option, width: CHART_WIDTH, height: CHART_HEIGHT };
}
