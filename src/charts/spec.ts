import type { EChartsOption } from 'echarts';

/** What a spec builder returns: an ECharts option and the pixel size to draw it at. */
export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
}

/** The family name inside the CJK font file (src/charts/font.ts). */
export const CJK_FONT_FAMILY = 'Noto Sans S Chinese';
/** What the SVG's font-family says: the Latin font first, the CJK one for everything it lacks. */
export const CHART_FONT_FAMILY = `Noto Sans, ${CJK_FONT_FAMILY}`;

/** 16:9, wide enough for a slide or a report page at full width. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;

/** Options every chart shares: no animation (a still picture), white background, the CJK font. */
export const BASE_OPTION: EChartsOption = {
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 16, color: '#222222' },
};
