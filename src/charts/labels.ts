/**
 * The words on charts and in the spreadsheet, in the user's language. Kept here rather than in
 * src/chat/i18n: the renderers are used by the CLI too, and know nothing of chat.
 */
import type { ChartLang as Lang } from './lang';

export interface ChartLabels {
  splitTitle: string;
  scheduleTitle: string;
  estimateTitle: string;
  total: string;
  share: string;
  amount: string;
  party: string;
  year: (n: number) => string;
  target: string;
  yearShare: string;
  area: string;
  perMu: string;
  output: string;
  km2: string;
  mu: string;
  perMuUnit: (unit: string) => string;
  steps: string;
  sources: string;
  schedule: string;
  result: string;
  sheetNames: { result: string; schedule: string; steps: string };
  yuan: string;
}

const zh: ChartLabels = {
  splitTitle: '收益分成',
  scheduleTitle: '收益分成（逐年）',
  estimateTitle: '产出估算',
  total: '合计',
  share: '份额',
  amount: '金额',
  party: '参与方',
  year: (n) => `第${n}年`,
  target: '目标',
  yearShare: '当年份额',
  area: '面积',
  perMu: '亩均产出',
  output: '产出',
  km2: '平方公里',
  mu: '亩',
  perMuUnit: (unit) => `${unit}/亩`,
  steps: '计算步骤',
  sources: '依据',
  schedule: '逐年安排',
  result: '分配结果',
  sheetNames: { result: '分配结果', schedule: '逐年安排', steps: '计算步骤' },
  yuan: '元',
};

const en: ChartLabels = {
  splitTitle: 'Benefit split',
  scheduleTitle: 'Benefit split by year',
  estimateTitle: 'Output estimate',
  total: 'Total',
  share: 'Share',
  amount: 'Amount',
  party: 'Party',
  year: (n) => `Year ${n}`,
  target: 'target',
  yearShare: 'share that year',
  area: 'Area',
  perMu: 'Output per mu',
  output: 'Output',
  km2: 'km²',
  mu: 'mu',
  perMuUnit: (unit) => `${unit}/mu`,
  steps: 'Steps',
  sources: 'Sources',
  schedule: 'Schedule',
  result: 'Split',
  sheetNames: { result: 'Split', schedule: 'Schedule', steps: 'Steps' },
  yuan: 'yuan',
};

export function chartLabels(lang: Lang): ChartLabels {
  return lang === 'en' ? en : zh;
}
