/**
 * A short burst (200 updates from 20 users, sent all at once) through the real bot (runner,
 * sequentialize, plugins, file sessions) against the emulator: every update handled exactly once,
 * answered as expected, replies in order per chat, no error replies. Timing is not asserted here;
 * `npm run bench:load` prints the figures for the full 1000-update burst.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import { startBot, type StartedBot } from '../src/bot';
import { createLogger } from '../src/bot/logger';
import { burstPlan, sendPlanned, tagReplies, tapCalls, verify, type Handled, type TappedCall } from '../bench/load-lib';
import { Emulator } from './helpers/emulator';
import { emulatorBotConfig } from './helpers/bot';

let emu: Emulator;
let bot: StartedBot;
let dataDir: string;
let indexDir: string;
const calls: TappedCall[] = [];
const handled: Handled[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'enclave-burst-data-'));
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-burst-index-'));
  emu = await Emulator.start();
  tapCalls(emu, (c) => calls.push(c));
  const config: Config = emulatorBotConfig(emu, { dataDir, indexDir });
  const services = fromServices(await createServices(config, { log: () => undefined }));
  const log = createLogger({
    level: 'info',
    destination: {
      write: (s: string) => {
        for (const line of s.split('\n').filter(Boolean)) {
          const l = JSON.parse(line);
          if (l.msg === 'update') handled.push({ update_id: l.update_id, outcome: l.outcome, intent: l.intent, ms: l.ms });
        }
      },
    },
  });
  bot = await startBot(config, services, { log, throttle: false });
  tagReplies(bot.bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
});

describe('a burst of 200 updates from 20 users', () => {
  it('answers every update exactly once, in order per chat, without error replies', async () => {
    const plan = burstPlan(20, 200, 3);
    expect(new Set(plan.map((p) => p.kind))).toEqual(new Set(['ask', 'split', 'mode', 'command', 'press', 'form']));
    for (const p of plan) await sendPlanned(emu, p);
    const ids = new Set(plan.map((p) => p.updateId));
    const deadline = Date.now() + 45_000;
    while (handled.filter((h) => ids.has(h.update_id)).length < plan.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // anything late (a duplicate) would show up now
    const v = verify(plan, calls, handled);
    expect(v.problems).toEqual([]);
    expect(v.answered).toBe(200);
    expect(v.unhandled + v.handledTwice + v.outOfOrder + v.errorReplies).toBe(0);
    const forms = plan.filter((p) => p.kind === 'form' && p.expect.contains);
    expect(forms.length).toBeGreaterThan(0); // whole guided forms ran to their result under load

    // The verdict is not blind: a lost, a repeated and a reordered reply are each caught.
    const chat = plan.find((p) => p.kind === 'split')!.chatId;
    const inChat = calls.filter((c) => c.chatId === String(chat) && c.method === 'sendMessage');
    const swapped = calls.map((c) => (c === inChat[0] ? inChat[1] : c === inChat[1] ? inChat[0] : c));
    expect(verify(plan, swapped, handled).outOfOrder).toBeGreaterThan(0);
    expect(verify(plan, calls, [...handled, handled[5]]).handledTwice).toBe(1);
    const lost = plan.find((p) => p.kind === 'split')!;
    expect(verify(plan, calls.filter((c) => c.u !== lost.updateId), handled).answered).toBe(199);
  }, 60_000);
});
