/**
 * End-to-end: the real bot (grammY, runner, plugins, file sessions) with the real split
 * calculator against the Bot API emulator: a split comes as a photo (the chart) with a caption,
 * then the text with a "📊 Excel" button that sends the workbook. The advisor is a fake: no index
 * is built here (test/e2e-bot.test.ts covers the bot on the real services).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type StartedBot } from '../src/bot';
import type { ChatServices } from '../src/chat/ports';
import { PARTY_COLOURS } from '../src/charts/palette';
import { computeSplit, estimateOutput, splitFromText } from '../src/tools';
import { captureLog, emulatorBotConfig } from './helpers/bot';
import { Emulator, TEST_TOKEN, type BotMessage, type UserOptions } from './helpers/emulator';
import { fakeServices } from './helpers/fake-chat-services';
import { unescape } from './helpers/html';
import { countColour, decodePng } from './helpers/png';

const ZH: UserOptions = { userId: 2001, languageCode: 'zh-hans' };
const EN: UserOptions = { userId: 2002, languageCode: 'en' };
const FORM: UserOptions = { userId: 2003, languageCode: 'zh-hans' };
const BROKEN: UserOptions = { userId: 2004, languageCode: 'zh-hans' };

/** Text that makes the stand-in calculator return a result no chart can be drawn from. */
const UNDRAWABLE = '坏图 六四分成 1000万';

let emu: Emulator;
let bot: StartedBot | undefined;
let dataDir: string;
let indexDir: string;
const logLines: string[] = [];

const { services: fake } = fakeServices();
const services: ChatServices = {
  ...fake,
  splitFromText: (text) => {
    const r = splitFromText(text.replace('坏图 ', ''));
    // NaN passes the text reply ("NaN") but not the chart's schema: a render failure.
    return text.startsWith('坏图') ? { ...r, amounts: { ...r.amounts, 飞出地: Number.NaN } } : r;
  },
  computeSplit: (input) => computeSplit(input),
  estimate: (input) => estimateOutput(input),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-charts-data-'));
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-charts-index-'));
  emu = await Emulator.start();
  const { log } = captureLog([TEST_TOKEN], logLines);
  const config = emulatorBotConfig(emu, { dataDir, indexDir }, { LOG_LEVEL: 'info' });
  bot = await startBot(config, services, { log, throttle: false, retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 } });
});

afterAll(async () => {
  await bot?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
});

const hasText = (re: RegExp) => (msgs: BotMessage[]) => msgs.some((m) => !m.file && re.test(unescape(m.text)));

async function press(u: UserOptions, msg: BotMessage, data: string, done?: (m: BotMessage[]) => boolean): Promise<BotMessage[]> {
  const chatId = u.chatId ?? u.userId;
  const n = emu.botMessages(chatId).length;
  await emu.press(u, msg, data);
  return emu.waitFor(chatId, n, done);
}

async function workbook(msg: BotMessage): Promise<ExcelJS.Workbook> {
  expect(msg.file?.kind).toBe('document');
  expect(msg.file!.name).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(msg.file!.bytes as unknown as ArrayBuffer);
  return wb;
}

describe('charts and the spreadsheet in Telegram', () => {
  it('a split typed as chat text: the chart as a photo with a caption, then the text with an Excel button', async () => {
    const msgs = await emu.ask(ZH, '衢州 60% 杭州 40% 税收 1.5亿', hasText(/计算步骤/));
    const [photo, ...texts] = msgs;
    expect(photo.file?.kind).toBe('photo');
    expect(photo.caption).toBe('收益分成（税收）：衢州 60% · 杭州 40%，合计 1.5亿元');
    const img = decodePng(photo.file!.bytes);
    expect(img.width).toBeGreaterThanOrEqual(600);
    expect(countColour(img, PARTY_COLOURS[0])).toBeGreaterThan(10_000);
    expect(countColour(img, PARTY_COLOURS[1])).toBeGreaterThan(5_000);
    // The numbers stay in the text, as before.
    const text = unescape(texts.map((m) => m.text).join('\n'));
    expect(text).toMatch(/衢州\s+60\.00%\s+90,000,000\.00/);
    const excel = texts[texts.length - 1].buttons.find((b) => b.text === '📊 Excel');
    expect(excel?.callback_data).toMatch(/^xlsx:[0-9a-z]+$/);
    expect(Buffer.byteLength(excel!.callback_data)).toBeLessThanOrEqual(64);

    const [doc] = await press(ZH, texts[texts.length - 1], excel!.callback_data, (m) => m.some((x) => x.file?.kind === 'document'));
    expect(doc.caption).toContain('收益分成表');
    const wb = await workbook(doc);
    const sheet = wb.getWorksheet('分配结果')!;
    const amounts: Record<string, unknown> = {};
    sheet.eachRow((row) => (amounts[String(row.getCell(1).value)] = row.getCell(3).value));
    expect(amounts).toMatchObject({ 衢州: 90_000_000, 杭州: 60_000_000, 合计: 150_000_000 });
  });

  it('the chart and caption follow the user\'s language', async () => {
    const msgs = await emu.ask(EN, '衢州 60% 杭州 40% 税收 1.5亿', hasText(/Steps|步骤/));
    expect(msgs[0].file?.kind).toBe('photo');
    expect(msgs[0].caption).toBe('Benefit split (税收): 衢州 60% · 杭州 40%, total 150 million yuan');
    const last = msgs[msgs.length - 1];
    const [doc] = await press(EN, last, last.buttons.find((b) => b.text === '📊 Excel')!.callback_data, (m) => m.some((x) => !!x.file));
    expect((await workbook(doc)).worksheets.map((w) => w.name)).toEqual(['Split', 'Steps']);
  });

  it('the guided /split form with buffer years ends with the yearly chart and a workbook with the schedule', async () => {
    const u = FORM;
    for (const answer of ['/split', '衢州, 杭州', '1', '6:4', '1.5亿', '无', '3', '9:1']) await emu.ask(u, answer);
    const msgs = await emu.ask(u, '无', hasText(/计算步骤/));
    expect(msgs[0].file?.kind).toBe('photo');
    expect(msgs[0].caption).toContain('逐年安排 3 年');
    expect(decodePng(msgs[0].file!.bytes).width).toBeGreaterThanOrEqual(600);
    const last = msgs[msgs.length - 1];
    const [doc] = await press(u, last, last.buttons.find((b) => b.text === '📊 Excel')!.callback_data, (m) => m.some((x) => !!x.file));
    const wb = await workbook(doc);
    const schedule = wb.getWorksheet('逐年安排')!;
    expect(schedule.rowCount).toBe(4);
    const expected = computeSplit({ revenue: 150_000_000, parties: [{ name: '衢州', share: 6 }, { name: '杭州', share: 4 }], transition: { years: 3, from: { 衢州: 9, 杭州: 1 } } });
    expect(schedule.getRow(2).getCell(3).value).toBe(expected.schedule![0].amounts['衢州']);
    expect(schedule.getRow(4).getCell(5).value).toBe(expected.schedule![2].amounts['杭州']);
  });

  it('/estimate: the chart of the figure and its inputs as a photo, then the steps', async () => {
    const msgs = await emu.ask(ZH, '/estimate 2平方公里 亩均250万元', hasText(/计算步骤/));
    expect(msgs[0].file?.kind).toBe('photo');
    expect(msgs[0].caption).toBe('产出估算：750,000 万元（75亿元）');
    expect(decodePng(msgs[0].file!.bytes).width).toBeGreaterThanOrEqual(600);
    const text = unescape(msgs.slice(1).map((m) => m.text).join('\n'));
    expect(text).toContain('3,000 亩 × 250 万元/亩 = 750,000 万元');
    const [bad] = await emu.ask(ZH, '/estimate 亩均250万元');
    expect(bad.file).toBeUndefined();
    expect(unescape(bad.text)).toMatch(/产出没能估算：the area is missing/);
  });

  it('a chart that fails to render is logged, and the text answer still goes out', async () => {
    const msgs = await emu.ask(BROKEN, UNDRAWABLE, hasText(/计算步骤/));
    expect(msgs.some((m) => m.file)).toBe(false);
    expect(unescape(msgs.map((m) => m.text).join('\n'))).toContain('收益分成计算结果');
    const log = logLines.join('');
    expect(log).toContain('chart failed to render; sending the text answer alone');
  });

  it('an Excel button of a split no longer kept says so', async () => {
    const [reply] = await press(ZH, emu.botMessages(ZH.userId).at(-1)!, 'xlsx:zzz');
    expect(reply.file).toBeUndefined();
    expect(reply.text).toContain('已过期');
  });
});
