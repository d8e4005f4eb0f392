/**
 * Bad input, property-based (fast-check) and by name: the chat split parser, the mode classifier,
 * the chat router and the zod schemas at the boundaries (split, estimate, mode answers, config,
 * stored sessions). No exception escapes; every rejection is a UserError (or ConfigError) whose
 * message a person can act on.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { isUserError } from '../src/errors';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import { ChatRouter } from '../src/chat/router';
import type { ChatServices } from '../src/chat/ports';
import { splitReply } from '../src/chat/replies';
import { t } from '../src/chat/i18n';
import { ChatSessionSchema, newChatSession, type RouteResult } from '../src/chat/types';
import { renderHtml } from '../src/bot/html';
import { balanced } from './helpers/html';
import { classifyMode, computeSplit, estimateOutput, MODES, ModeResultSchema, parseSplitText, splitFromText } from '../src/tools';

let router: ChatRouter;
let chat: ChatServices;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-fuzz-index-'));
  chat = fromServices(await createServices(loadConfig({ INDEX_DIR: indexDir }), { log: () => undefined }));
  router = new ChatRouter(chat);
}, 60_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

/**
 * A message a person can act on: some words, no machine dump. `NaN`/`Infinity` only when the input
 * itself said so (the message may quote what the user typed).
 */
function human(message: string, input: unknown = ''): void {
  expect(typeof message).toBe('string');
  expect(message.trim().length).toBeGreaterThan(5);
  expect(message).not.toMatch(/\[object Object\]|ZodError|^\s*[[{]|\bat .*\.ts:\d+/);
  let said = '';
  try {
    said = typeof input === 'string' ? input : (JSON.stringify(input, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? '');
  } catch {
    said = String(input);
  }
  for (const w of ['NaN', 'Infinity']) if (message.includes(w)) expect(said).toContain(w);
}

/** Runs `f`; a thrown error must be a UserError with a human message. */
function userErrorOrValue<T>(f: () => T, input?: unknown): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!isUserError(e)) throw new Error(`not a UserError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    human(e.message, input);
    return undefined;
  }
}

function checkRoute(r: RouteResult): void {
  expect(r.replies.length + (r.startForm ? 1 : 0)).toBeGreaterThan(0);
  for (const reply of r.replies) {
    const html = renderHtml(reply);
    expect(html.trim().length).toBeGreaterThan(0);
    expect(balanced(html)).toBe(true);
    for (const row of reply.buttons ?? []) for (const b of row) expect(Buffer.byteLength(b.action)).toBeLessThanOrEqual(64);
  }
}

// Chat text built from the pieces real split requests are made of, plus hostile ones.
const piece = fc.oneof(
  fc.constantFrom('衢州', '杭州', '甲', '乙', '飞出地', '<b>', '</b>', '&', '<script>', '🏭', '🚀', '\u0000', '\u0007', '\u202e', '\ufeff', '\n', '  '),
  fc.constantFrom('60%', '40%', '0%', '100%', '-20%', '六四分成', '五五分成', '三七开', '6:4', '0:0', '5:0', '1:1:1', '三成', '七成', '分', '分成', '税收', 'GDP', '营收', '收入', '保底', '基数'),
  fc.constantFrom('1000万', '1.5亿', '0元', '-100万', '1e308', '1e309', '99999999999999999999亿', '0.000001', '1,000,000', '一千万', '十亿', 'NaN', 'Infinity', '10 million', 'yuan', 'tax'),
  // the split grammar's cue words: schedules, rests, floors, baselines, contributions, function words
  fc.constantFrom('前四年', '之后', '从第3年起', '后两年', '算6年', '每年', '缓冲期3年', '从九一过渡到六四', '其余归', '剩下的', '两边', '对半', '拿四', '得七', '保底', '基数', '归', '超出部分', '出资', '出地折价', '按出资比例分', '分给', '按照', '和', '、', '：', '=', '为', '飞入地', '村集体', 'A县', 'the rest', 'between', 'and', 'for the first 3 years', 'then', 'baseline', 'floor of', 'invests'),
  // carve-outs, glide steps and middle years, vague later terms (issue 13, round 5)
  fc.constantFrom('先提10%', '管理费', 'off the top', 'guaranteed', '每年降一成', '每年下降10个百分点', '第二年取中间', '降到六成为止', 'drops 10 points a year', 'until it reaches', '之后多拿两成', 'then more after that', '再商量', 'valued at', '(70)', 'We (the investor)', '甲乙两村', '甲县乙县丙镇', '七成归杭州', 'Year 1 profit'),
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const chatText = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(' '));
const anyText = fc.oneof(chatText, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('the chat split parser', () => {
  it('never throws; a failure says what to add, with an example', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = parseSplitText(s);
        if (!r.ok) {
          human(r.message, s);
          expect(r.example.length).toBeGreaterThan(0);
          expect(r.missing.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('splitFromText: a result with finite, non-negative amounts summing to the total, or a UserError', () => {
    fc.assert(
      fc.property(chatText, (s) => {
        const res = userErrorOrValue(() => splitFromText(s), s);
        if (!res) return;
        const amounts = Object.values(res.amounts);
        for (const a of amounts) {
          expect(Number.isFinite(a)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the mode classifier', () => {
  it('any text: a well-formed result', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = classifyMode(s);
        expect(ModeResultSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  const enumOrJunk = <T,>(xs: readonly T[]) => fc.oneof(fc.constantFrom(...xs), fc.anything());
  it('any structured answers (the guided form, the LLM tool): a result or a UserError', () => {
    const answers = fc.record(
      {
        text: fc.oneof(fc.string(), fc.anything()),
        moreDeveloped: enumOrJunk(['origin', 'host', 'equal']),
        rdLocation: enumOrJunk(['developed', 'less_developed', 'both', 'abroad', 'none']),
        nodes: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.anything()),
        crossBorder: fc.oneof(fc.boolean(), fc.anything()),
        participants: fc.oneof(fc.array(fc.constantFrom('village_collectives', 'workers', 'nobody')), fc.anything()),
        flows: fc.oneof(fc.array(fc.constantFrom('capital', 'jobs', 'gold')), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(answers, fc.anything()), (a) => {
        const r = userErrorOrValue(() => classifyMode(a as never), a);
        if (r) expect(ModeResultSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 800 },
    );
  });
});

describe('the zod schemas at the boundaries', () => {
  const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1, 0, Number.MAX_VALUE, Number.MIN_VALUE, -0), fc.anything());
  const party = fc.record(
    { name: fc.oneof(fc.constantFrom('A', 'B', 'A', '', ' ', '<b>x</b>', '🏭'), fc.string(), fc.anything()), share: num, floor: num, contributions: fc.oneof(fc.dictionary(fc.constantFrom('capital', 'land'), num), fc.anything()) },
    { requiredKeys: [] },
  );
  const splitInput = fc.record(
    {
      revenue: num,
      parties: fc.oneof(fc.array(party, { maxLength: 5 }), fc.anything()),
      weights: fc.oneof(fc.dictionary(fc.string(), num), fc.anything()),
      baseline: fc.oneof(fc.record({ amount: num, owner: fc.constantFrom('A', 'B', 'Z') }), fc.anything()),
      transition: fc.oneof(fc.record({ years: fc.oneof(fc.integer({ min: -2, max: 200 }), fc.double()), from: fc.dictionary(fc.constantFrom('A', 'B', 'C'), num) }), fc.anything()),
      revenueByYear: fc.oneof(fc.array(num, { maxLength: 4 }), fc.anything()),
      carveOut: fc.oneof(fc.array(fc.record({ owner: fc.constantFrom('A', 'B', 'Z'), amount: num, percent: num }, { requiredKeys: ['owner'] }), { maxLength: 3 }), fc.anything()),
      indicator: fc.oneof(fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  );

  it('SplitInputSchema (computeSplit): a result with finite amounts, or a UserError', () => {
    fc.assert(
      fc.property(fc.oneof(splitInput, fc.anything()), (input) => {
        const res = userErrorOrValue(() => computeSplit(input), input);
        if (res) for (const a of Object.values(res.amounts)) expect(Number.isFinite(a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('EstimateInputSchema (estimateOutput): a finite result, or a UserError', () => {
    const est = fc.record({ area: fc.oneof(fc.record({ km2: num, mu: num }, { requiredKeys: [] }), fc.anything()), outputPerMu: num, unit: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(est, fc.anything()), (input) => {
        const res = userErrorOrValue(() => estimateOutput(input), input);
        if (res) expect(Number.isFinite(res.output)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('ConfigSchema (loadConfig): a config, or a ConfigError naming each bad setting', () => {
    const keys = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'WEBHOOK_URL', 'PORT', 'ALLOWED_USER_IDS', 'REDIS_URL', 'RATE_LIMIT_PER_MINUTE', 'LOG_LEVEL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'LLM_TIMEOUT_MS'];
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '0', '-1', '1e308', '12,34', 'abc', 'http://x', 'redis://h:1', '123:abcdefghijklmnopqrstuvwxyz', 'debug', 'sk-x y'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (env) => {
        try {
          loadConfig(env);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          for (const p of (e as ConfigError).problems) {
            human(p, env);
            expect(keys.some((k) => p.includes(k))).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('ChatSessionSchema (stored sessions): anything read back becomes a valid session', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        // As the bot's session storage reads it: a record that fails the schema starts afresh.
        const parsed = ChatSessionSchema.safeParse(v);
        const s = parsed.success ? parsed.data : newChatSession();
        expect(Array.isArray(s.answers)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the chat router', () => {
  const session = () => newChatSession();
  it('any text: replies that render to well-formed HTML, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom('zh' as const, 'en' as const), async (text, lang) => {
        checkRoute(await router.handleText(text, { session: session(), lang }));
      }),
      { numRuns: 250 },
    );
  });

  it('any button data and any command: a reply, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 64 }), fc.constantFrom('src:', 'src:zz', 'int:ask', 'int:', 'lang:xx', 'ex:nope', 'form:', ':', 'fu:x')),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 200 }),
        async (data, name, args) => {
          checkRoute(await router.handleAction(data, { session: session(), lang: 'zh' }));
          checkRoute(await router.handleCommand(name, args, { session: session(), lang: 'en' }));
        },
      ),
      { numRuns: 250 },
    );
  });
});

describe('named bad inputs', () => {
  const zh = { session: newChatSession(), lang: 'zh' as const };
  const text = (r: RouteResult) => r.replies.map(renderHtml).join('\n');

  it('empty text', async () => {
    expect(text(await router.handleText('', { ...zh, session: newChatSession() }))).toContain(t('zh').emptyText);
    expect(text(await router.handleText(' \u0000\u0007 ', { ...zh, session: newChatSession() }))).toContain(t('zh').emptyText);
    expect(() => splitFromText('')).toThrow(/没有内容/);
  });

  it('a 20 000-character message', async () => {
    const long = '飞地经济'.repeat(5000);
    const r = await router.handleText(long, { ...zh, session: newChatSession() });
    expect(r.outcome).toBe('user_error');
    expect(text(r)).toContain('2000');
    // the tools see it too (CLI): no catastrophic backtracking, a clear answer
    expect(parseSplitText(`衢州 60% 杭州 40% ${'税收 '.repeat(4000)}1000万`).ok).toBeDefined();
    userErrorOrValue(() => splitFromText('6'.repeat(20_000)));
    expect(classifyMode('科创飞地 '.repeat(4000)).candidates).toBeDefined();
  });

  it('emoji and control characters', async () => {
    const r = await router.handleText('🏭\u0000衢州\u0007 60% 🚀杭州 40% 税收 1000万\u202e', { ...zh, session: newChatSession() });
    expect(r.intent).toBe('split');
    checkRoute(r);
    expect(text(r)).not.toMatch(/[\u0000-\u0008]/);
    checkRoute(await router.handleText('🤔🤔🤔', { ...zh, session: newChatSession() }));
  });

  it('HTML in party names is escaped in replies', async () => {
    // Chat text: tags are not names, but whatever is echoed back is escaped.
    const r = await router.handleText('<b>衢州</b> 60% <script>杭州</script> 40% 税收 1000万', { ...zh, session: newChatSession() });
    const html = text(r);
    expect(balanced(html)).toBe(true);
    expect(html).not.toMatch(/<script|<b>衢州/);
    // Names given in the guided form (any text) are kept as data and escaped when rendered.
    const split = chat.computeSplit({ revenue: 100, parties: [{ name: '<i>A&B</i>', share: 1 }, { name: '<script>C', share: 1 }] });
    const out = renderHtml(splitReply(split, 'zh', chat));
    expect(out).toContain('&lt;i&gt;A&amp;B&lt;/i&gt;');
    expect(out).toContain('&lt;script&gt;C');
    expect(out).not.toMatch(/<script|<i>A/);
    expect(balanced(out)).toBe(true);
  });

  it('1e308 and negative numbers', async () => {
    const huge = userErrorOrValue(() => computeSplit({ revenue: 1e308, parties: [{ name: 'A', share: 6 }, { name: 'B', share: 4 }] }));
    if (huge) for (const a of Object.values(huge.amounts)) expect(Number.isFinite(a)).toBe(true);
    expect(() => computeSplit({ revenue: -5, parties: [{ name: 'A', share: 6 }, { name: 'B', share: 4 }] })).toThrow(/revenue/);
    expect(() => computeSplit({ revenue: 5, parties: [{ name: 'A', share: -6 }, { name: 'B', share: 4 }] })).toThrow(/share/);
    userErrorOrValue(() => splitFromText('衢州 60% 杭州 40% 税收 1e308'));
    userErrorOrValue(() => splitFromText('衢州 60% 杭州 40% 税收 -100万'));
    userErrorOrValue(() => estimateOutput({ area: { km2: 1e308 }, outputPerMu: 1e308 }));
    expect(() => estimateOutput({ area: { km2: -1 }, outputPerMu: 5 })).toThrow(/km2/);
  });

  it('duplicate party names', () => {
    expect(() => computeSplit({ revenue: 100, parties: [{ name: 'A', share: 1 }, { name: 'A', share: 1 }] })).toThrow(/both called "A"/);
    userErrorOrValue(() => splitFromText('衢州 60% 衢州 40% 税收 1000万'));
    expect(() => splitFromText('衢州 60% 衢州 40% 税收 1000万')).toThrow(/“衢州”出现了两次/);
    expect(() => splitFromText('Quzhou 60% Quzhou 40% tax 10 million yuan')).toThrow(/appears twice/);
  });

  it('revenue 0', () => {
    const r = computeSplit({ revenue: 0, parties: [{ name: 'A', share: 6 }, { name: 'B', share: 4 }] });
    expect(Object.values(r.amounts)).toEqual([0, 0]);
    const chat = userErrorOrValue(() => splitFromText('六四分成 0元'));
    if (chat) expect(Object.values(chat.amounts)).toEqual([0, 0]);
  });

  it('a ratio with a zero party', () => {
    const r = computeSplit({ revenue: 100, parties: [{ name: 'A', share: 5 }, { name: 'B', share: 0 }] });
    expect(r.amounts).toEqual({ A: 100, B: 0 });
    expect(() => computeSplit({ revenue: 100, parties: [{ name: 'A', share: 0 }, { name: 'B', share: 0 }] })).toThrow();
    userErrorOrValue(() => computeSplit({ revenue: 100, parties: [{ name: 'A', share: 0 }, { name: 'B', share: 0 }] }));
    userErrorOrValue(() => splitFromText('衢州 100% 杭州 0% 税收 1000万'));
    userErrorOrValue(() => splitFromText('0:0 分成 500万'));
  });

  it('a question that is only punctuation', async () => {
    for (const q of ['？？？', '...!!!', '。，；：“”', '/ask ？！']) {
      const r = await router.handleText(q, { ...zh, session: newChatSession() });
      checkRoute(r);
      expect(r.outcome).not.toBe('ok');
    }
    expect(MODES.length).toBeGreaterThan(0);
  });
});
