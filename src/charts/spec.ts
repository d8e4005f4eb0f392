import type { EChartsOption } from 'echarts';

/** What a spec builder returns: an ECharts option and the pixel size to draw it at. */
export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
}

/** The family name inside the chart font file (src/charts/font.ts): what the SVG's font-family must say. */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

/** 16:9, wide enough for a slide or a report page at full width. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;

/** Options every chart shares: no animation (a still picture), white background, the CJK font. */
export const BASE_OPTION: EChartsOption = {
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 16, color: '#222222' },
};
