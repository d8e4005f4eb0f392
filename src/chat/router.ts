/**
 * The channel-neutral message router: text, commands and button presses in, neutral replies
 * out. The Telegram bot and the terminal chat both call it, so they behave the same.
 * It mutates the session it is given (the channel persists it).
 */
import { isUserError } from '../errors';
import { t } from './i18n';
import { detectIntent, isFollowUp, type IntentDecision } from './intent';
import { cleanInput, MAX_TEXT_LENGTH } from './input';
import type { ChatServices } from './ports';
import { ESTIMATE_TEXT_EXAMPLE, estimateInputFromText, estimateReply } from './estimate';
import { excelReply, EXCEL_ACTION, withSplitMedia } from './media';
import { answerReply, modeReply, p, splitErrorReply, splitReply, textReply } from './replies';
import { readTypedAnswer, SPLIT_ASK_ACTION, splitAskFor, splitQuestionReply } from './split-ask';
import type { SplitHints } from '../tools/split-text';
import { MAX_STORED_ANSWERS, type ChatSession, type Lang, type Reply, type RouteResult, type StoredAnswer } from './types';

export { cleanInput, MAX_TEXT_LENGTH } from './input';
const MAX_CONTEXT = 200;

export interface TurnContext {
  session: ChatSession;
  /** The language of the bot's own texts: the session's choice, else the channel's default. */
  lang: Lang;
  /** Receives a streamed answer as it grows (advisors that stream; the channel shows it). */
  onPartial?: (text: string) => void;
  /** The channel can send pictures and files: results get their chart and the Excel button (./media). */
  media?: boolean;
}

export function uiLang(session: ChatSession, fallback: Lang): Lang {
  return session.lang ?? fallback;
}

export class ChatRouter {
  constructor(private readonly services: ChatServices) {}

  /** Plain text typed by the user (a command when it starts with `/`). */
  async handleText(raw: string, turn: TurnContext): Promise<RouteResult> {
    const cleaned = cleanInput(raw);
    if (!cleaned.ok) return this.badInput(cleaned.reason, 'unclear', turn);
    const text = cleaned.text;
    const m = t(turn.lang);

    const cmd = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
    if (cmd) return this.handleCommand(cmd[1].toLowerCase(), cmd[2] ?? '', turn);

    if (turn.session.expectFollowUp) {
      turn.session.expectFollowUp = false;
      return this.ask(text, turn, true);
    }
    // The answer to a split's clarifying question (an amount, a name, years); other text drops the question.
    const open = turn.session.splitAsk;
    if (open) {
      turn.session.splitAsk = undefined;
      const answer = readTypedAnswer(open, text);
      if (answer) return this.split(open.text, turn, { ...open.hints, ...answer });
    }
    const decision = this.refineIntent(detectIntent(text), text);
    switch (decision.intent) {
      case 'greeting':
        return { ...this.welcome(turn.lang), intent: 'greeting' };
      case 'split':
        return this.split(text, turn);
      case 'mode':
        return this.mode(text, turn);
      case 'ask':
        return this.ask(text, turn, false);
      default:
        turn.session.pending = text.slice(0, 500);
        return {
          replies: [
            {
              blocks: [p(m.unclear)],
              buttons: [[{ label: m.chooseAsk, action: 'int:ask' }], [{ label: m.chooseSplit, action: 'int:split' }], [{ label: m.chooseMode, action: 'int:mode' }]],
            },
          ],
          intent: 'unclear',
          outcome: 'clarify',
        };
    }
  }

  /**
   * The keyword rules miss partnership descriptions written with few cue words
   * (`集体经济薄弱村抱团到杭州建园区`). When they read a text as a bare topic or cannot tell, the
   * classifier decides: a description it can place in a mode is one. A bare term (`消薄飞地`) is
   * too short to be a description and stays a question about that topic.
   */
  private refineIntent(decision: IntentDecision, text: string): IntentDecision {
    // A request the split grammar reads (基数200万归飞入地，超出部分两边对半…), or reads but for one
    // question, is a split even when the keyword rules saw no ratio.
    if (decision.intent !== 'split' && decision.intent !== 'greeting' && this.services.splitText) {
      const r = this.services.splitText(text);
      if (r.ok || (r.question && r.question.kind !== 'revenue')) return { intent: 'split', cues: [...decision.cues, 'split-grammar'] };
    }
    const isTopicOrUnclear = decision.intent === 'unclear' || (decision.intent === 'ask' && decision.cues.includes('topic'));
    const longEnough = text.length >= (/[\u4e00-\u9fff]/.test(text) ? 10 : 30);
    if (!isTopicOrUnclear || !longEnough) return decision;
    const primary = this.services.classifyMode(text).primary;
    return primary ? { intent: 'mode', cues: [...decision.cues, `classifier:${primary}`] } : decision;
  }

  /** The reply to text that cleaning refused (empty, or over MAX_TEXT_LENGTH). */
  private badInput(reason: 'empty' | 'too_long', intent: RouteResult['intent'], turn: TurnContext): RouteResult {
    const m = t(turn.lang);
    return { replies: [textReply(reason === 'empty' ? m.emptyText : m.tooLong(MAX_TEXT_LENGTH))], intent, outcome: 'user_error' };
  }

  async handleCommand(name: string, rawArgs: string, turn: TurnContext): Promise<RouteResult> {
    const m = t(turn.lang);
    // Arguments get the same cleaning as plain text (the bot passes them here directly).
    const cleaned = cleanInput(rawArgs);
    if (!cleaned.ok && cleaned.reason === 'too_long') return this.badInput('too_long', 'command', turn);
    const args = cleaned.text;
    const reply = (r: Reply): RouteResult => ({ replies: [r], intent: 'command', outcome: 'ok' });
    switch (name) {
      case 'start':
        return this.welcome(turn.lang);
      case 'help':
        return reply({ blocks: m.help.map((l) => p(l)) });
      case 'about':
        return reply({ blocks: m.about.map((l) => p(l)) });
      case 'sources':
        return reply(this.sourcesReply(turn.lang));
      case 'lang':
        if (/^(zh|中文|cn|chinese)$/i.test(args) || /^(en|english|英文)$/i.test(args)) return this.handleAction(`lang:${/^(zh|中文|cn|chinese)$/i.test(args) ? 'zh' : 'en'}`, turn);
        return reply({ blocks: [p(m.langPrompt)], buttons: [[{ label: '中文', action: 'lang:zh' }, { label: 'English', action: 'lang:en' }]] });
      case 'cancel':
        turn.session.pending = undefined;
        turn.session.splitAsk = undefined;
        turn.session.expectFollowUp = false;
        return reply(textReply(m.nothingToCancel));
      case 'ask':
        if (!args) return { replies: [textReply(m.askUsage)], intent: 'ask', outcome: 'user_error' };
        return this.ask(args, turn, false);
      case 'split':
        if (!args) return { replies: [], intent: 'form', outcome: 'ok', startForm: 'split' };
        return this.split(args, turn);
      case 'mode':
        if (!args) return { replies: [], intent: 'form', outcome: 'ok', startForm: 'mode' };
        return this.mode(args, turn);
      case 'estimate':
        return this.estimate(args, turn);
      default:
        return { replies: [textReply(m.unknownCommand)], intent: 'command', outcome: 'user_error' };
    }
  }

  /** A pressed button (Telegram callback data; in the terminal, the number typed). */
  async handleAction(data: string, turn: TurnContext): Promise<RouteResult> {
    const m = t(turn.lang);
    const [kind, arg = ''] = data.split(/:(.*)/s, 2);
    const done = (replies: Reply[], extra: Partial<RouteResult> = {}): RouteResult => ({ replies, intent: 'action', outcome: 'ok', ...extra });
    switch (kind) {
      case 'lang': {
        const lang: Lang = arg === 'en' ? 'en' : 'zh';
        turn.session.lang = lang;
        return done([textReply(t(lang).langSet)]);
      }
      case 'src': {
        const a = turn.session.answers.find((x) => x.id === arg);
        if (!a) return done([textReply(m.pendingGone)], { outcome: 'user_error' });
        return done([answerReply(a, { withQuotes: true })], { edit: true });
      }
      case 'fu':
        turn.session.expectFollowUp = true;
        return done([textReply(m.followUpPrompt)]);
      case 'ex': {
        const text = arg === 'split' ? m.exampleSplit : arg === 'mode' ? m.exampleMode : m.exampleAsk;
        if (arg === 'split') return this.split(text, turn);
        if (arg === 'mode') return this.mode(text, turn);
        return this.ask(text, turn, false);
      }
      case 'int': {
        const text = turn.session.pending;
        turn.session.pending = undefined;
        if (!text) return done([textReply(m.pendingGone)], { outcome: 'user_error' });
        if (arg === 'split') return this.split(text, turn);
        if (arg === 'mode') return this.mode(text, turn);
        return this.ask(text, turn, false);
      }
      case 'form':
        return done([], { intent: 'form', startForm: arg === 'mode' ? 'mode' : 'split' });
      case SPLIT_ASK_ACTION: {
        const open = turn.session.splitAsk;
        const choice = open?.options[Number(arg)];
        if (!open || !choice || !/^\d$/.test(arg)) return done([textReply(m.pendingGone)], { outcome: 'user_error' });
        turn.session.splitAsk = undefined;
        return this.split(open.text, turn, { ...open.hints, ...choice });
      }
      case EXCEL_ACTION: {
        const x = excelReply(arg, turn.session, turn.lang, this.services);
        return done([x.reply], { intent: 'split', outcome: x.ok ? 'ok' : 'user_error' });
      }
      default:
        return done([textReply(m.pendingGone)], { outcome: 'user_error' });
    }
  }

  welcome(lang: Lang): RouteResult {
    const m = t(lang);
    return {
      replies: [
        {
          blocks: [p({ b: m.welcome1 }), p(m.welcome2)],
          buttons: [[{ label: m.exampleAsk, action: 'ex:ask' }], [{ label: m.exampleSplit, action: 'ex:split' }], [{ label: lang === 'en' ? 'Classify a partnership' : '判断一个合作的模式', action: 'ex:mode' }]],
        },
      ],
      intent: 'command',
      outcome: 'ok',
    };
  }

  sourcesReply(lang: Lang): Reply {
    const m = t(lang);
    const docs = this.services.documents();
    return {
      blocks: [
        p({ b: m.sourcesTitle }),
        {
          kind: 'list',
          ordered: true,
          items: docs.map((d) => {
            const meta = [d.authors?.length ? d.authors.join('、') : '', d.venue ?? '', d.year ? String(d.year) : ''].filter(Boolean).join('，');
            return [{ b: d.title }, d.titleEn && lang === 'en' ? ` (${d.titleEn})` : '', meta ? ` — ${meta}` : '', { code: ` ${d.source}` }];
          }),
        },
      ],
    };
  }

  private async ask(question: string, turn: TurnContext, forceFollowUp: boolean): Promise<RouteResult> {
    const s = turn.session;
    const context = s.lastQuestion && (forceFollowUp || isFollowUp(question)) ? s.lastQuestion : undefined;
    const result = await this.services.ask(question, { ...(context ? { context } : {}), ...(turn.onPartial ? { onPartial: turn.onPartial } : {}) });
    s.seq += 1;
    const stored: StoredAnswer = {
      id: s.seq.toString(36),
      question,
      answer: result.answer,
      lang: result.lang,
      answered: result.answered,
      citations: result.citations,
      note: result.note,
    };
    s.answers = [...s.answers, stored].slice(-MAX_STORED_ANSWERS);
    // Keep the resolved question, so a chain of follow-ups still knows its topic.
    s.lastQuestion = (context ? `${context} ${question}` : question).slice(-MAX_CONTEXT);
    return {
      // A declined answer already names the nearest topics the corpus covers.
      replies: [answerReply(stored, { suggestions: result.answered || result.answer.trim() ? undefined : result.suggestions })],
      intent: 'ask',
      outcome: result.answered ? 'ok' : 'declined',
    };
  }

  private async split(text: string, turn: TurnContext, hints: SplitHints = {}): Promise<RouteResult> {
    if (this.services.splitText) {
      const r = this.services.splitText(text, hints);
      if (r.ok) {
        const reply = splitReply(r.result, turn.lang, this.services);
        // after a clarifying answer the text alone no longer computes: the Excel button keeps the input
        const from = Object.keys(hints).length ? { input: r.input as Record<string, unknown> } : { text };
        return { replies: [turn.media ? withSplitMedia(reply, r.result, from, turn.session, turn.lang) : reply], intent: 'split', outcome: 'ok' };
      }
      if (r.question) {
        turn.session.splitAsk = splitAskFor(text, hints, r.question);
        return { replies: [splitQuestionReply(r.question, turn.lang)], intent: 'split', outcome: 'clarify' };
      }
      return { replies: [splitErrorReply(r.message, turn.lang)], intent: 'split', outcome: 'user_error' };
    }
    try {
      const result = this.services.splitFromText(text);
      const reply = splitReply(result, turn.lang, this.services);
      return { replies: [turn.media ? withSplitMedia(reply, result, { text }, turn.session, turn.lang) : reply], intent: 'split', outcome: 'ok' };
    } catch (e) {
      if (!isUserError(e)) throw e;
      return {
        replies: [splitErrorReply(e.message, turn.lang)],
        intent: 'split',
        outcome: 'user_error',
      };
    }
  }

  /** `/estimate 2平方公里 亩均250万元`: the figure, its steps and basis; with media, its chart first. */
  private estimate(text: string, turn: TurnContext): RouteResult {
    const en = turn.lang === 'en';
    const fail = (msg: string): RouteResult => ({ replies: [textReply(`${en ? 'Could not estimate: ' : '产出没能估算：'}${msg}`)], intent: 'command', outcome: 'user_error' });
    if (!this.services.estimate) return fail(en ? 'the estimate is not available here.' : '此处不提供估算。');
    if (!text) return fail(`${en ? 'give the area and the output per mu, e.g. ' : '请给出面积和亩均产出，例如 '}${ESTIMATE_TEXT_EXAMPLE}`);
    try {
      const input = estimateInputFromText(text);
      const result = this.services.estimate(input);
      const titles = new Map(this.services.documents().map((d) => [d.source, d.title]));
      return { replies: [estimateReply(input, result, turn.lang, !!turn.media, (s) => titles.get(s) ?? s)], intent: 'command', outcome: 'ok' };
    } catch (e) {
      if (!isUserError(e)) throw e;
      return fail(e.message);
    }
  }

  private async mode(text: string, turn: TurnContext): Promise<RouteResult> {
    try {
      const result = this.services.classifyMode(text);
      return { replies: [modeReply(result, turn.lang, this.services)], intent: 'mode', outcome: result.primary ? 'ok' : 'clarify' };
    } catch (e) {
      if (!isUserError(e)) throw e;
      return { replies: [textReply(e.message)], intent: 'mode', outcome: 'user_error' };
    }
  }
}
