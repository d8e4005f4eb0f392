/**
 * End-to-end: an administrator uploads a document to the real bot (against the Bot API emulator,
 * which serves the file through getFile and the file URL); it is imported, the index rebuilt in a
 * child process and swapped in while the bot runs; /docs removes it after a confirmation. A second
 * instance on the same documents folder (another Services, polling) picks up both changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createServices, type Services } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import { startBot, type StartedBot } from '../src/bot';
import { createLibrary, type DocumentLibrary } from '../src/documents/library';
import { Emulator, TEST_TOKEN, type BotMessage, type UserOptions } from './helpers/emulator';
import { captureLog, emulatorBotConfig } from './helpers/bot';
import { docxFromText, policyText, scannedPdf } from './helpers/documents';

const ADMIN: UserOptions = { userId: 2001, languageCode: 'zh-hans' };
const VISITOR: UserOptions = { userId: 2002, languageCode: 'en' };
const QUESTION = '新安市每年安排的飞地经济专项资金是多少？';
const TITLE = '新安市推进飞地经济合作发展实施办法';

let emu: Emulator;
let dataDir: string;
let indexDir: string;
let bot: StartedBot | undefined;
let services: Services;
let library: DocumentLibrary;
let other: Services;
let otherLibrary: DocumentLibrary;
const logLines: string[] = [];

function config(extra: Record<string, string> = {}): Config {
  return emulatorBotConfig(emu, { dataDir, indexDir }, { ADMIN_USER_IDS: '2001', LOG_LEVEL: 'info', ...extra });
}

async function upload(u: UserOptions, name: string, bytes: Buffer, done: (m: BotMessage[]) => boolean): Promise<BotMessage[]> {
  const n = emu.botMessages(u.userId).length;
  await emu.sendUserFile(u, { name, bytes });
  return emu.waitFor(u.userId, n, done, 60_000);
}

async function press(u: UserOptions, msg: BotMessage, data: string, done: (m: BotMessage[]) => boolean): Promise<BotMessage[]> {
  const n = emu.botMessages(u.userId).length;
  await emu.press(u, msg, data);
  return emu.waitFor(u.userId, n, done, 60_000);
}

const lastText = (msgs: BotMessage[]) => msgs[msgs.length - 1].text;

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-docs-data-'));
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-docs-index-'));
  emu = await Emulator.start();
  const { log } = captureLog([TEST_TOKEN], logLines);
  services = await createServices(config(), { log: () => undefined });
  library = createLibrary({ services, log: (m, level) => log[level ?? 'info'](m) });
  bot = await startBot(config(), fromServices(services), { log, throttle: false, retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 }, documents: library });
  // A second instance: same documents folder, its own index folder, polling every 200 ms.
  other = await createServices(config({ INDEX_DIR: mkdtempSync(join(tmpdir(), 'enclave-e2e-docs-index2-')) }), { log: () => undefined });
  otherLibrary = createLibrary({ services: other, log: () => undefined, pollMs: 200, childBuild: false });
  otherLibrary.start();
}, 120_000);

afterAll(async () => {
  otherLibrary?.stop();
  await bot?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
  rmSync(other?.config.INDEX_DIR ?? '/nonexistent', { recursive: true, force: true });
});

describe('documents through the bot', () => {
  it('a user who is not an administrator is told politely; nothing is added', async () => {
    const replies = await upload(VISITOR, 'notes.txt', Buffer.from(policyText()), (m) => m.length >= 1);
    expect(lastText(replies)).toMatch(/Only administrators can add documents/);
    expect(library.list()).toHaveLength(5);
  });

  it('before the upload the question is declined', async () => {
    const replies = await emu.ask(ADMIN, QUESTION);
    expect(lastText(replies)).toMatch(/没有关于|未涉及|无法回答/);
  });

  it('an administrator uploads a .txt: title, sections, passages and questions it now answers; then it answers', async () => {
    const replies = await upload(ADMIN, 'xinan-enclave-measures.txt', Buffer.from(policyText()), (m) => m.some((x) => x.text.includes('已添加')));
    expect(replies[0].text).toMatch(/正在导入 xinan-enclave-measures\.txt/);
    const report = lastText(replies);
    expect(report).toContain(`已添加《${TITLE}》`);
    expect(report).toMatch(/\d+ 个段落/);
    for (const s of ['第一章 总则', '第三章 利益分享', '第四章 扶持政策']) expect(report).toContain(s);
    const questions = report.split('现在可以回答的问题，例如：')[1]?.split('\n').filter((l) => l.startsWith('• ')).map((l) => l.slice(2)) ?? [];
    expect(questions.length).toBeGreaterThanOrEqual(1);
    expect(questions.length).toBeLessThanOrEqual(3);
    // The questions offered are answered, from the new document.
    for (const q of questions) expect(lastText(await emu.ask(ADMIN, q))).toContain(TITLE);
    const answer = lastText(await emu.ask(ADMIN, QUESTION));
    expect(answer).toContain('3000万元');
    expect(answer).toContain(TITLE);
    expect(emu.calls.some((c) => c.method === 'getFile')).toBe(true);
  }, 120_000);

  it('the other instance notices the new document within a few seconds', async () => {
    await until(() => other.docs.some((d) => d.source === 'xinan-enclave-measures.txt'), 20_000);
    await otherLibrary.idle();
    const r = await other.advisor.ask(QUESTION);
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.source)).toContain('xinan-enclave-measures.txt');
  }, 60_000);

  it('the same document as .docx is already present; a scanned PDF is refused with the OCR hint', async () => {
    const dup = await upload(ADMIN, 'measures.docx', await docxFromText(policyText()), (m) => m.length >= 2);
    expect(lastText(dup)).toMatch(/已经在语料库中（already present）：与 "新安市推进飞地经济合作发展实施办法" \(xinan-enclave-measures\.txt/);
    const scan = await upload(ADMIN, 'scan.pdf', await scannedPdf(), (m) => m.length >= 2);
    expect(lastText(scan)).toMatch(/扫描版 PDF.*OCR/);
    expect(library.list()).toHaveLength(6);
  }, 60_000);

  it('/docs lists the documents; remove asks for confirmation, then removes; the question is declined again', async () => {
    const list = await emu.ask(ADMIN, '/docs');
    const msg = list[list.length - 1];
    expect(msg.text).toContain(TITLE);
    expect(msg.text.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(6);
    expect(msg.buttons).toHaveLength(1); // only the added document can be removed
    const confirm = await press(ADMIN, msg, msg.buttons[0].callback_data, (m) => m.length >= 1);
    const ask = confirm[confirm.length - 1];
    expect(ask.text).toMatch(/确定要删除《新安市推进飞地经济合作发展实施办法》吗/);
    const cancelled = await press(ADMIN, ask, 'docs:no', (m) => m.length >= 1);
    expect(lastText(cancelled)).toMatch(/已取消/);
    expect(library.list()).toHaveLength(6);
    const yes = ask.buttons.find((b) => b.callback_data.startsWith('docs:yes:'))!;
    const done = await press(ADMIN, ask, yes.callback_data, (m) => m.some((x) => x.text.includes('已删除')));
    expect(lastText(done)).toContain(`已删除《${TITLE}》`);
    expect(library.list()).toHaveLength(5);
    expect(lastText(await emu.ask(ADMIN, QUESTION))).toMatch(/没有关于|未涉及|无法回答/);
    // A visitor's /docs has no remove buttons, and pressing one anyway is refused.
    const visitorList = await emu.ask(VISITOR, '/docs');
    expect(visitorList[visitorList.length - 1].buttons).toHaveLength(0);
    const refused = await press(VISITOR, visitorList[visitorList.length - 1], yes.callback_data, (m) => m.length >= 1);
    expect(lastText(refused)).toMatch(/Only administrators can remove documents/);
  }, 120_000);

  it('the other instance drops the removed document too', async () => {
    await until(() => !other.docs.some((d) => d.source === 'xinan-enclave-measures.txt'), 20_000);
    await otherLibrary.idle();
    expect((await other.advisor.ask(QUESTION)).answered).toBe(false);
  }, 60_000);
});
