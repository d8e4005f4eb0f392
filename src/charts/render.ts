/**
 * ECharts option → SVG (ECharts' server-side renderer: no DOM, no canvas) → PNG (resvg, a Rust
 * renderer prebuilt inside its npm package). Only the chart types and components the spec
 * builders use are registered, which keeps the import small.
 */
import { renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { chartFontFiles } from './font';
import { CJK_FONT_FAMILY, type ChartSpec } from './spec';

echarts.use([BarChart, LineChart, GridComponent, TitleComponent, LegendComponent, MarkLineComponent, GraphicComponent, SVGRenderer]);

export function renderSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises on libuv's thread pool, so a bot keeps serving other chats meanwhile. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY, sansSerifFamily: CJK_FONT_FAMILY },
    background: '#ffffff',
    fitTo: { mode: 'width', value: width },
  });
  return image.asPng();
}

export async function renderPng(spec: ChartSpec): Promise<Buffer> {
  return svgToPng(renderSvg(spec), spec.width);
}
