/**
 * Small fakes of the services for router unit tests (the e2e tests use the real ones). Each fake
 * records what it was called with, so tests can check routing and context passing.
 */
import { UserError } from '../../src/errors';
import type { ChatServices, ModeOutcome, SplitOutcome } from '../../src/chat/ports';
import type { AskOptions, AskResult } from '../../src/advisor/types';

export interface FakeCalls {
  ask: Array<{ question: string; options?: AskOptions }>;
  split: string[];
  mode: string[];
}

export function fakeServices(): { services: ChatServices; calls: FakeCalls } {
  const calls: FakeCalls = { ask: [], split: [], mode: [] };
  const services: ChatServices = {
    async ask(question, options) {
      calls.ask.push({ question, options });
      const en = !/[\u4e00-\u9fff]/.test(question);
      const result: AskResult = {
        answered: true,
        answer: `ANSWER(${question}) [1]`,
        citations: [{ n: 1, source: '004_x.txt', title: '山海协作飞地', section: '一、概述', quote: '飞地经济是一种跨区域合作模式。' }],
        lang: en ? 'en' : 'zh',
        via: 'offline',
      };
      return result;
    },
    splitFromText(text) {
      calls.split.push(text);
      if (!/\d+\s*万|亿/.test(text)) throw new UserError('missing the amount to split, e.g. 六四分成 1000万');
      return services.computeSplit({ revenue: 1e7, parties: [{ name: '飞出地', share: 6 }, { name: '飞入地', share: 4 }] });
    },
    computeSplit(input): SplitOutcome {
      const i = input as { revenue: number; parties: Array<{ name: string; share?: number }> };
      const total = i.parties.reduce((s, p) => s + (p.share ?? 1), 0);
      const shares = Object.fromEntries(i.parties.map((p) => [p.name, (p.share ?? 1) / total]));
      return {
        shares,
        amounts: Object.fromEntries(i.parties.map((p) => [p.name, (i.revenue * (p.share ?? 1)) / total])),
        steps: ['step one'],
        sources: [{ source: '004_x.txt', section: '二', quote: '收益分成比例由双方协商确定。' }],
      };
    },
    classifyMode(text): ModeOutcome {
      calls.mode.push(typeof text === 'string' ? text : JSON.stringify(text));
      return {
        primary: 'forward_industrial',
        direction: 'forward',
        candidates: [{ id: 'forward_industrial', nameZh: '正向飞地', nameEn: 'Forward enclave', score: 5, signals: [{ label: '产业转移', weight: 3, match: '产业转移' }] }],
        recommendations: [{ mechanism: 'agreed_ratio', nameZh: '约定比例分成', nameEn: 'Agreed ratio', why: '双方协商', calculator: 'split', example: '六四分成 1000万' }],
        sources: [],
      };
    },
    modeInfo: (id) => ({ id, zh: '正向飞地', en: 'Forward enclave' }),
    documents: () => [{ id: 'd4', source: '004_x.txt', title: '山海协作飞地', authors: ['张三'], year: 2023 }],
  };
  return { services, calls };
}
