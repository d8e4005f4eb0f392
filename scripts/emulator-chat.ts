#!/usr/bin/env tsx
/**
 * Talk to the bot by hand through the telegram-test-api emulator (extended as in the e2e tests).
 *   terminal 1:  npx tsx scripts/emulator-chat.ts            (emulator on 127.0.0.1:9000, you are user 1)
 *   terminal 2:  TELEGRAM_BOT_TOKEN=123456789:TEST_token_for_the_emulator_0123456789 \
 *                TELEGRAM_API_ROOT=http://127.0.0.1:9000 npm start
 * Type messages; `!press N` presses button N of the bot's last message; `!quit` exits.
 * EMULATOR_PORT, EMULATOR_USER and EMULATOR_LANG (e.g. en) change the defaults.
 */
import { createInterface } from 'node:readline';
import { Emulator, TEST_TOKEN, type BotMessage } from '../test/helpers/emulator';

const port = Number(process.env.EMULATOR_PORT ?? 9000);
const user = { userId: Number(process.env.EMULATOR_USER ?? 1), languageCode: process.env.EMULATOR_LANG ?? 'zh-hans' };
const emu = await Emulator.start(port);
console.log(`emulator on ${emu.apiRoot}; start the bot with:\n  TELEGRAM_BOT_TOKEN=${TEST_TOKEN} TELEGRAM_API_ROOT=${emu.apiRoot} npm start\n`);

const plain = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
let lastMsg: BotMessage | undefined;
const shown = new Map<number, string>();
setInterval(() => {
  for (const m of emu.botMessages(user.userId)) {
    if (shown.get(m.messageId) === m.text) continue;
    console.log(`\n${shown.has(m.messageId) ? '(edited) ' : ''}${plain(m.text)}`);
    m.buttons.forEach((b, i) => console.log(`  [${i + 1}] ${b.text}`));
    shown.set(m.messageId, m.text);
    lastMsg = m;
  }
}, 100);

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const press = /^!press\s+(\d+)$/.exec(line.trim());
  if (line.trim() === '!quit') break;
  if (press && lastMsg) {
    const b = lastMsg.buttons[Number(press[1]) - 1];
    if (b) await emu.press(user, lastMsg, b.callback_data);
  } else if (line.trim()) await emu.send(user, line.trim());
}
await emu.stop();
process.exit(0);
