/**
 * Charts of the calculators' results as PNG pictures: spec builders (pure) + the renderer.
 * `splitChartPng` takes any result of the split calculator (with or without a schedule).
 */
import { estimateChartSpec } from './estimate-chart';
import type { ChartLang } from './lang';
import { renderPng } from './render';
import { splitChartSpec } from './split-chart';

export type { ChartLang } from './lang';
export { estimateChartSpec, type EstimateChartData } from './estimate-chart';
export { splitChartSpec, indicatorOf, type SplitChartData } from './split-chart';
export { renderPng, renderSvg } from './render';
export type { ChartSpec } from './spec';

export function splitChartPng(result: unknown, lang: ChartLang): Promise<Buffer> {
  return renderPng(splitChartSpec(result, lang));
}

export function estimateChartPng(data: unknown, lang: ChartLang): Promise<Buffer> {
  return renderPng(estimateChartSpec(data, lang));
}
