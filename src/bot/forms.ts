/**
 * The guided /split and /mode forms as @grammyjs/conversations. The steps and their validation
 * are the channel-neutral forms of src/chat/forms; this file only waits for answers and talks.
 * Messages go out through `conversation.external` on the outside context, so they pass through
 * the bot's API transformers (auto-retry, throttler) and are sent once, not on every replay.
 */
import type { Context } from 'grammy';
import type { Conversation } from '@grammyjs/conversations';
import type { Logger } from 'pino';
import { finishModeForm, finishSplitForm, modeForm, splitForm, type Form } from '../chat/forms';
import { t } from '../chat/i18n';
import type { ChatServices } from '../chat/ports';
import { p } from '../chat/replies';
import type { ChatSession, Lang, Reply } from '../chat/types';
import type { BotContext } from './context';
import { stripMention } from './middleware';
import { sendWithMedia } from './media';
import { sendReply } from './send';

export const SPLIT_FORM = 'split-form';
export const MODE_FORM = 'mode-form';
export const FORM_IDS = [SPLIT_FORM, MODE_FORM];
/**
 * Version of the form code's stored state (@grammyjs/conversations replays stored steps through
 * this code). Bump it when a change to the steps below or in src/chat/forms would replay old
 * states wrongly: forms in progress are then dropped instead of misread.
 */
export const FORMS_VERSION = 1;

type FormConversation = Conversation<BotContext, Context>;

/** `finish` builds the closing reply from the outside context's session (the split stores itself there for its Excel button). */
function formRunner<S>(form: Form<S>, intro: (lang: Lang) => string, finish: (state: S, lang: Lang, session: ChatSession) => Reply, setIntent: 'split' | 'mode', log?: Logger) {
  return async function run(conversation: FormConversation, _ctx: Context, lang: Lang = 'zh') {
    const say = (reply: Reply, intent?: 'split' | 'mode') =>
      conversation.external(async (outer: BotContext) => {
        if (intent && outer.turn) outer.turn.intent = intent;
        await sendReply(outer, reply);
      });
    await say({ blocks: [p({ i: intro(lang) })] });
    let state = form.initial();
    for (let step = form.next(state); step; step = form.next(state)) {
      const prompt = step.prompt(lang, state);
      await say(prompt);
      const offered = new Set((prompt.buttons ?? []).flat().map((b) => b.action));
      for (;;) {
        const c = await conversation.waitFor(['message:text', 'callback_query:data']);
        let text: string;
        if (c.callbackQuery) {
          // A button of an older message (e.g. "show sources") is not an answer: let the bot handle it.
          if (!offered.has(c.callbackQuery.data!)) await conversation.skip({ next: true });
          await c.answerCallbackQuery().catch(() => undefined);
          text = c.callbackQuery.data!;
        } else {
          // In groups an answer may mention the bot, before or after the text.
          text = stripMention(c.message?.text ?? '', c.message?.entities, c.me?.username);
        }
        const res = step.accept(text, state, lang);
        if (res.ok) {
          state = res.state;
          break;
        }
        await say({ blocks: [p(res.error)] });
      }
    }
    await conversation.external(async (outer: BotContext) => {
      if (outer.turn) outer.turn.intent = setIntent;
      const reply = finish(state, lang, outer.session);
      if (log) await sendWithMedia(outer, reply, log);
      else await sendReply(outer, reply);
    });
  };
}

/** With a logger the finished split comes with its chart and the Excel button (failures go to the log). */
export function splitConversation(services: ChatServices, log?: Logger) {
  return formRunner(splitForm, (lang) => t(lang).formIntroSplit, (state, lang, session) => finishSplitForm(state, lang, services, log ? session : undefined), 'split', log);
}

export function modeConversation(services: ChatServices) {
  return formRunner(modeForm, (lang) => t(lang).formIntroMode, (state, lang) => finishModeForm(state, lang, services), 'mode');
}
