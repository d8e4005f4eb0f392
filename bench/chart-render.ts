#!/usr/bin/env tsx
/**
 * Chart rendering time: the full path the bot and `split --png` take (spec → ECharts SVG → resvg
 * PNG with the CJK font). The first render (module load, font parse) is reported apart; the warm
 * figure is the median (and p95) over N renders after it. Used by bench/run.ts; run alone with
 * `npx tsx bench/chart-render.ts [N]`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile } from '../eval/metrics';
import { computeSplit, estimateOutput, splitFromText } from '../src/tools';

export interface ChartTiming {
  n: number;
  firstMs: number;
  p50: number;
  p95: number;
}

export interface ChartBench {
  split: ChartTiming;
  schedule: ChartTiming;
  estimate: ChartTiming;
  pngBytes: { split: number; schedule: number; estimate: number };
  target: { warmP50Ms: number };
}

async function time(n: number, render: () => Promise<Buffer>): Promise<{ timing: ChartTiming; bytes: number }> {
  let t0 = performance.now();
  const first = await render();
  const firstMs = performance.now() - t0;
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    t0 = performance.now();
    await render();
    ms.push(performance.now() - t0);
  }
  return { timing: { n, firstMs, p50: percentile(ms, 50), p95: percentile(ms, 95) }, bytes: first.length };
}

export async function benchCharts(n: number): Promise<ChartBench> {
  const t0 = performance.now();
  const { splitChartPng, estimateChartPng } = await import('../src/charts');
  const importMs = performance.now() - t0;
  const one = splitFromText('衢州 60% 杭州 40% 税收 1.5亿');
  const buffered = computeSplit({
    revenue: 150_000_000,
    indicator: '税收',
    parties: [{ name: '衢州', share: 6 }, { name: '杭州', share: 4 }],
    transition: { years: 5, from: { 衢州: 9, 杭州: 1 } },
  });
  const estIn = { area: { km2: 2 }, outputPerMu: 250, unit: '万元' };
  const est = { ...estIn, ...estimateOutput(estIn) };
  const split = await time(n, () => splitChartPng(one, 'zh'));
  split.timing.firstMs += importMs; // the very first chart also pays for loading ECharts and resvg
  const schedule = await time(n, () => splitChartPng(buffered, 'zh'));
  const estimate = await time(n, () => estimateChartPng(est, 'zh'));
  return {
    split: split.timing,
    schedule: schedule.timing,
    estimate: estimate.timing,
    pngBytes: { split: split.bytes, schedule: schedule.bytes, estimate: estimate.bytes },
    target: { warmP50Ms: 150 },
  };
}

export function chartLines(c: ChartBench): string[] {
  const f = (x: number) => x.toFixed(1);
  const row = (name: string, t: ChartTiming) => `${name} p50 / p95  ${f(t.p50)} / ${f(t.p95)} ms over ${t.n} (first ${f(t.firstMs)} ms)`;
  return [
    `${row('chart render, split       ', c.split)}   (target ≤ ${c.target.warmP50Ms} ms warm)`,
    row('chart render, 5-year sched.', c.schedule),
    row('chart render, estimate    ', c.estimate),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 30);
  benchCharts(n).then((c) => process.stdout.write(`${chartLines(c).join('\n')}\n`));
}
