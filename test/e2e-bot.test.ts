/**
 * End-to-end: the real bot (grammY, runner, plugins, file sessions) on the real services (real
 * corpus, real index built in a temp INDEX_DIR) against the telegram-test-api emulator on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { startBot, type StartedBot } from '../src/bot';
import { TELEGRAM_LIMIT } from '../src/bot/html';
import { Emulator, TEST_TOKEN, enableInlineQueries, type BotMessage, type UserOptions } from './helpers/emulator';
import { captureLog, emulatorBotConfig } from './helpers/bot';
import { balanced, readCorpusText, unescape } from './helpers/html';

const ALICE: UserOptions = { userId: 1001, languageCode: 'zh-hans' };
const BOB: UserOptions = { userId: 1002, languageCode: 'en' };
const CAROL: UserOptions = { userId: 1003 };
const DAVE: UserOptions = { userId: 1004, languageCode: 'en' };
const STRANGER: UserOptions = { userId: 9999, languageCode: 'en' };

const corpusText = readCorpusText();

let emu: Emulator;
let services: ChatServices;
let dataDir: string;
let indexDir: string;
let bot: StartedBot | undefined;
const logLines: string[] = [];

function botConfig(): Config {
  return emulatorBotConfig(emu, { dataDir, indexDir }, { ALLOWED_USER_IDS: '1001,1002,1003,1004', LOG_LEVEL: 'info' });
}

async function start(): Promise<StartedBot> {
  const config = botConfig();
  const { log } = captureLog([TEST_TOKEN], logLines);
  bot = await startBot(config, services, { log, throttle: false, retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 } });
  return bot;
}

async function press(u: UserOptions, msg: BotMessage, data: string, done?: (m: BotMessage[]) => boolean): Promise<BotMessage[]> {
  const chatId = u.chatId ?? u.userId;
  const n = emu.botMessages(chatId).length;
  await emu.press(u, msg, data);
  return emu.waitFor(chatId, n, done);
}

function last(chatId: number): BotMessage {
  const all = emu.botMessages(chatId);
  return all[all.length - 1];
}

beforeAll(async () => {
  enableInlineQueries();
  dataDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-data-'));
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-index-'));
  emu = await Emulator.start();
  services = fromServices(await createServices(botConfig(), { log: () => undefined }));
  await start();
});

afterAll(async () => {
  await bot?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
});

describe('the bot against the Telegram emulator', () => {
  it('registers its commands in Chinese and English at start-up', () => {
    const calls = emu.calls.filter((c) => c.method === 'setMyCommands');
    const langs = calls.map((c) => c.body.language_code ?? 'default');
    expect(langs).toEqual(expect.arrayContaining(['default', 'en', 'zh']));
    const zh = calls.find((c) => c.body.language_code === 'zh')!;
    const commands = (typeof zh.body.commands === 'string' ? JSON.parse(zh.body.commands) : zh.body.commands).map((c: any) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['start', 'help', 'ask', 'split', 'mode', 'sources', 'lang', 'about', 'cancel']));
  });

  it('/start: a two-line welcome with example buttons', async () => {
    const [msg] = await emu.ask(ALICE, '/start');
    expect(msg.parseMode).toBe('HTML');
    expect(msg.text.split('\n\n')).toHaveLength(2);
    expect(msg.text).toContain('飞地政策顾问');
    expect(msg.buttons.map((b) => b.callback_data)).toEqual(['ex:ask', 'ex:split', 'ex:mode']);
  });

  it('an example button runs the example', async () => {
    const start = last(ALICE.userId);
    // The chart comes first as a photo (test/e2e-charts.test.ts), then the text.
    const reply = (await press(ALICE, start, 'ex:split', (m) => m.some((x) => !x.file))).find((m) => !m.file)!;
    expect(unescape(reply.text)).toMatch(/90,000,000\.00/);
  });

  it('answers a Chinese question with numbered citations and buttons', async () => {
    const msgs = await emu.ask(ALICE, '什么是消薄飞地？');
    const msg = msgs[msgs.length - 1];
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toContain('消薄飞地');
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain('出处');
    expect(text).toContain('推动山海协作“飞地经济”高质量发展');
    expect(msg.buttons.map((b) => b.callback_data)).toEqual([expect.stringMatching(/^src:/), 'fu']);
    for (const m of msgs) expect(balanced(m.text)).toBe(true);
    // the typing indicator was shown while working
    expect(emu.calls.some((c) => c.method === 'sendChatAction' && c.body.action === 'typing' && String(c.body.chat_id) === String(ALICE.userId))).toBe(true);
  });

  it('the sources button edits the message to show the quoted passages, verbatim from the corpus', async () => {
    const msg = last(ALICE.userId);
    const before = emu.botMessages(ALICE.userId).length;
    const src = msg.buttons.find((b) => b.callback_data.startsWith('src:'))!;
    const edits = emu.calls.filter((c) => c.method === 'editMessageText').length;
    await emu.press(ALICE, msg, src.callback_data);
    const deadline = Date.now() + 10_000;
    while (emu.calls.filter((c) => c.method === 'editMessageText').length === edits && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const edited = emu.botMessages(ALICE.userId).find((m) => m.messageId === msg.messageId)!;
    expect(emu.botMessages(ALICE.userId)).toHaveLength(before); // edited in place, nothing new sent
    expect(edited.text).toContain('<blockquote>');
    expect(balanced(edited.text)).toBe(true);
    const quotes = [...edited.text.matchAll(/<blockquote><b>\[\d+\] <\/b>([^<]+)<i>/g)].map((m) => unescape(m[1]));
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(corpusText).toContain(q);
    expect(edited.buttons.map((b) => b.callback_data)).toEqual(['fu']);
  });

  it('understands a follow-up from the previous question', async () => {
    const msgs = await emu.ask(ALICE, '那收益怎么分？');
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toMatch(/消薄|村集体|薄弱村/);
    expect(text).toMatch(/\[1\]/);
  });

  it('answers an English question with an English frame and citations', async () => {
    const msgs = await emu.ask(BOB, 'What is a reverse enclave?');
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toMatch(/reverse enclave/i);
    expect(text).toContain('反向飞地');
    expect(text).toContain('Sources');
    expect(text).toMatch(/\[1\]/);
  });

  it('computes a split typed as chat text', async () => {
    const msgs = await emu.ask(ALICE, '衢州 60% 杭州 40% 税收 1.5亿', (m) => m.some((x) => !x.file));
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(msgs[0].file?.kind).toBe('photo');
    expect(msgs[1].text).toContain('<pre>');
    expect(text).toMatch(/衢州\s+60\.00%\s+90,000,000\.00/);
    expect(text).toMatch(/杭州\s+40\.00%\s+60,000,000\.00/);
  });

  it('an incomplete split asks for what is missing, and the typed answer computes it', async () => {
    const [msg] = await emu.ask(ALICE, '六四分成');
    expect(unescape(msg.text)).toMatch(/要分的总额是多少？（例如 1000万）/);
    const msgs = await emu.ask(ALICE, '1000万', (m) => m.some((x) => !x.file));
    expect(unescape(msgs.map((m) => m.text).join('\n'))).toMatch(/飞出地\s+60\.00%\s+6,000,000\.00/);
  });

  it('an ambiguous split asks one question with buttons; the pressed button computes it', async () => {
    const [q] = await emu.ask(ALICE, '衢州在杭州设飞地，税收1000万，六四分成');
    expect(unescape(q.text)).toBe('衢州拿六成还是四成？');
    expect(q.buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ['衢州 六成', 'sq:0'],
      ['衢州 四成', 'sq:1'],
    ]);
    const msgs = await press(ALICE, q, 'sq:1', (m) => m.some((x) => !x.file && /<pre>/.test(x.text)));
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toMatch(/衢州\s+40\.00%\s+4,000,000\.00/);
    expect(text).toMatch(/杭州\s+60\.00%\s+6,000,000\.00/);
  });

  it('a split that cannot be completed by one answer says what is wrong', async () => {
    const [msg] = await emu.ask(ALICE, '衢州 60% 杭州 30% 1000万');
    expect(unescape(msg.text)).toMatch(/分成没能计算/);
    expect(unescape(msg.text)).toMatch(/合计是 90%/);
  });

  it('classifies a partnership description', async () => {
    const msgs = await emu.ask(ALICE, '杭州在衢州共建产业园，衢州提供土地，杭州企业投资设厂，把生产线转移过去');
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toContain('判断结果');
    expect(text).toMatch(/正向飞地|产业飞地/);
  });

  it('runs the guided /mode form with buttons', async () => {
    const u = CAROL;
    expect(unescape((await emu.ask(u, '/mode')).map((m) => m.text).join('\n'))).toMatch(/第 1 步/);
    const [dir] = await emu.ask(u, '衢州, 杭州');
    expect(dir.buttons.map((b) => b.callback_data)).toEqual(['mf:forward', 'mf:reverse', 'mf:twoway', 'mf:relay']);
    const [who] = await press(u, dir, 'mf:reverse');
    expect(who.buttons.map((b) => b.callback_data)).toContain('mf:none');
    await press(u, who, 'mf:none');
    const result = unescape((await emu.ask(u, '研发中心设在杭州，成熟项目回衢州生产')).map((m) => m.text).join('\n'));
    expect(result).toContain('判断结果');
    expect(result).toMatch(/反向|科创/);
    expect(result).toContain('建议的收益分成机制');
  });

  it('runs the guided /split form to the end, validating each step', async () => {
    const u = CAROL;
    const say = async (text: string) => unescape((await emu.ask(u, text)).map((m) => m.text).join('\n'));
    expect(await say('/split')).toMatch(/第 1 步/);
    expect(await say('衢州')).toMatch(/至少两个.*例：衢州, 杭州/s);
    expect(await say('衢州, 杭州')).toMatch(/第 2 步/);
    const basis = last(u.userId);
    expect(basis.buttons.map((b) => b.callback_data)).toEqual(['1', '2']);
    expect(unescape((await press(u, basis, '1')).map((m) => m.text).join('\n'))).toMatch(/第 3 步/);
    expect(await say('6:4:1')).toMatch(/需要 2 个/);
    expect(await say('6:4')).toMatch(/第 4 步/);
    expect(await say('很多')).toMatch(/正的金额/);
    expect(await say('1.5亿')).toMatch(/第 5 步/);
    expect(await say('杭州 2000万')).toMatch(/第 6 步/);
    expect(await say('3')).toMatch(/起始比例/);
    expect(await say('5:5')).toMatch(/第 7 步/);
    const result = await say('无');
    expect(result).toContain('收益分成计算结果');
    expect(result).toContain('缓冲期逐年安排');
    expect(result).toMatch(/衢州\s+60\.00%\s+90,000,000\.00/);
    expect(result).toContain('文献依据');
    // after the form, text is routed normally again
    expect(await say('/cancel')).toContain('当前没有进行中的表单');
  });

  it('/cancel leaves a form at any point', async () => {
    await emu.ask(CAROL, '/split');
    await emu.ask(CAROL, '甲, 乙');
    const [msg] = await emu.ask(CAROL, '/cancel');
    expect(msg.text).toContain('已退出');
    const next = await emu.ask(CAROL, '什么是飞地接力？');
    expect(unescape(next.map((m) => m.text).join('\n'))).toMatch(/接力/);
  });

  it('splits a long reply into several messages, each within the limit and well-formed', async () => {
    const u = CAROL;
    const parties = Array.from({ length: 10 }, (_, i) => `第${i + 1}方合作区`);
    await emu.ask(u, '/split');
    await emu.ask(u, parties.join(', '));
    await emu.ask(u, '1');
    await emu.ask(u, parties.map((_, i) => i + 1).join(':'));
    await emu.ask(u, '12345678.9');
    await emu.ask(u, '无');
    await emu.ask(u, '30');
    await emu.ask(u, parties.map(() => 1).join(':'));
    const msgs = await emu.ask(u, '无', (m) => m.some((x) => /文献依据/.test(x.text)));
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs.filter((x) => !x.file)) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      expect(balanced(m.text)).toBe(true);
      expect(m.parseMode).toBe('HTML');
    }
    const text = unescape(msgs.map((m) => m.text).join('\n'));
    expect(text).toMatch(/^\s*30\s+第1方合作区/m);
  });

  it('answers bad input clearly', async () => {
    const [tooLong] = await emu.ask(BOB, 'enclave '.repeat(2500));
    expect(tooLong.text).toMatch(/too long/);
    const n = emu.botMessages(BOB.userId).length;
    await emu.send(BOB, '', { text: undefined, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    const [sticker] = await emu.waitFor(BOB.userId, n);
    expect(sticker.text).toMatch(/only read text/);
    // HTML in party names is shown as text, never as markup
    await emu.ask(BOB, '/split');
    await emu.ask(BOB, '<b>A</b>, B&C');
    const [html] = await emu.ask(BOB, '1');
    expect(html.text).toContain('&lt;b&gt;A&lt;/b&gt;, B&amp;C');
    expect(balanced(html.text)).toBe(true);
    await emu.ask(BOB, '/cancel');
    const [unclear] = await emu.ask(BOB, 'asdf qwer');
    expect(unclear.buttons.map((b) => b.callback_data)).toEqual(['int:ask', 'int:split', 'int:mode']);
  });

  it('in groups, answers only commands and messages that mention it', async () => {
    const g: UserOptions = { userId: 1001, chatId: -100777, type: 'group' };
    const n = emu.botMessages(g.chatId!).length;
    await emu.send(g, '今天下午三点开会');
    await new Promise((r) => setTimeout(r, 600));
    expect(emu.botMessages(g.chatId!)).toHaveLength(n);
    const text = '@TestNameBot 什么是飞地接力？';
    await emu.send(g, text, { entities: [{ type: 'mention', offset: 0, length: 12 }] });
    const answer = await emu.waitFor(g.chatId!, n);
    expect(unescape(answer.map((m) => m.text).join('\n'))).toMatch(/接力/);
    const [help] = await emu.ask(g, '/help@TestNameBot');
    expect(help.text).toContain('/split');
    const count = emu.botMessages(g.chatId!).length;
    await emu.send(g, '/help@OtherBot');
    await new Promise((r) => setTimeout(r, 600));
    expect(emu.botMessages(g.chatId!)).toHaveLength(count);
  });

  it('in groups, a form step that mentions the bot after the text is read without the mention', async () => {
    const g: UserOptions = { userId: 1002, chatId: -100778, type: 'group', languageCode: 'zh-hans' };
    await emu.ask(g, '/split@TestNameBot', (m) => m.some((x) => x.text.includes('第 1 步')));
    const text = '衢州, 杭州 @TestNameBot';
    const n = emu.botMessages(g.chatId!).length;
    await emu.send(g, text, { entities: [{ type: 'mention', offset: text.indexOf('@'), length: 12 }] });
    const [step2] = await emu.waitFor(g.chatId!, n);
    expect(step2.text).toContain('第 2 步');
    const m = emu.botMessages(g.chatId!).length;
    await emu.send(g, '2 @TestNameBot', { entities: [{ type: 'mention', offset: 2, length: 12 }] });
    const [step3] = await emu.waitFor(g.chatId!, m);
    expect(step3.text).toContain('衢州 投入了什么');
    expect(step3.text).not.toContain('@TestNameBot');
    await emu.ask(g, '/cancel@TestNameBot');
  });

  it('command arguments get the same length check as plain text', async () => {
    const [tooLong] = await emu.ask(BOB, `/ask ${'飞地'.repeat(1500)}`);
    expect(tooLong.text).toMatch(/2000|too long|太长/i);
  });

  it('registers the command menu: Chinese by default, and per language', () => {
    const menus = emu.calls.filter((c) => c.method === 'setMyCommands');
    const byLang = (lang?: string) => menus.find((c) => (c.body.language_code ?? undefined) === lang);
    const describe = (c: any) => JSON.stringify(typeof c.body.commands === 'string' ? JSON.parse(c.body.commands) : c.body.commands);
    expect(describe(byLang(undefined))).toMatch(/[\u4e00-\u9fff]/);
    expect(describe(byLang('zh'))).toMatch(/[\u4e00-\u9fff]/);
    expect(describe(byLang('en'))).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('the allowlist refuses a stranger: message, command, button and inline query', async () => {
    const [msg] = await emu.ask(STRANGER, '什么是消薄飞地？');
    expect(msg.text).toMatch(/authorised users only/);
    expect(msg.text).toContain('9999');
    // One refusal per minute: the command after it is dropped without a reply (and not run).
    const before = emu.botMessages(STRANGER.userId).length;
    await emu.send(STRANGER, '/split');
    await emu.send(STRANGER, '甲, 乙');
    const answers = emu.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    await emu.press(STRANGER, msg, 'ex:ask');
    const inlineCalls = emu.calls.filter((c) => c.method === 'answerInlineQuery').length;
    await emu.inlineQuery(STRANGER, '飞地');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (emu.calls.filter((c) => c.method === 'answerCallbackQuery').length === answers || emu.calls.filter((c) => c.method === 'answerInlineQuery').length === inlineCalls))
      await new Promise((r) => setTimeout(r, 25));
    const cb = emu.calls.filter((c) => c.method === 'answerCallbackQuery').slice(answers);
    expect(cb.some((c) => /authorised users only/.test(c.body.text) && String(c.body.show_alert) === 'true')).toBe(true);
    const iq = emu.calls.filter((c) => c.method === 'answerInlineQuery').slice(inlineCalls);
    expect(iq).toHaveLength(1);
    expect(JSON.parse(typeof iq[0].body.results === 'string' ? iq[0].body.results : JSON.stringify(iq[0].body.results))).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.botMessages(STRANGER.userId)).toHaveLength(before); // the button ran nothing
  });

  it('keeps the session (language, form in progress) across a restart', async () => {
    const u = DAVE;
    const [langMsg] = await emu.ask(u, '/lang');
    await press(u, langMsg, 'lang:zh');
    await emu.ask(u, '/split');
    const [step2] = await emu.ask(u, '衢州, 杭州');
    expect(step2.text).toContain('第 2 步');
    await bot!.stop();
    await start();
    const [step3] = await emu.ask(u, '2');
    expect(step3.text).toContain('衢州 投入了什么');
    const [help] = await emu.ask(u, '/help');
    expect(help.text).toContain('直接输入文字即可'); // Chinese kept, though Telegram says English
  });

  it('logs one line per update, with a hashed user id and no token', () => {
    const lines = logLines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const updates = lines.filter((l) => l.msg === 'update');
    expect(updates.length).toBeGreaterThan(30);
    for (const l of updates) {
      expect(l.user).toMatch(/^[0-9a-f]{16}$/);
      expect(typeof l.ms).toBe('number');
      expect(l.outcome).toBeTruthy();
    }
    expect(updates.some((l) => l.intent === 'ask' && l.outcome === 'ok')).toBe(true);
    expect(updates.some((l) => l.outcome === 'refused')).toBe(true);
    const all = logLines.join('');
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain('"1001"');
  });
});
