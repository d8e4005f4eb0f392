/**
 * The terminal chat: the same router as the bot, rendered as plain text. Buttons become numbered
 * choices; /split and /mode run the same guided forms. Works on a TTY (with a prompt) and on piped
 * stdin (one answer per line, exits at end of input).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { isUserError } from '../errors';
import { finishModeForm, finishSplitForm, modeForm, splitForm, type Form } from '../chat/forms';
import { t } from '../chat/i18n';
import type { ChatServices } from '../chat/ports';
import { p } from '../chat/replies';
import { ChatRouter } from '../chat/router';
import { newChatSession, type Lang, type Reply, type RouteResult } from '../chat/types';
import { renderText } from './render';

export interface TerminalOptions {
  services: ChatServices;
  input?: Readable;
  output?: Writable;
  lang?: Lang;
}

interface ActiveForm {
  form: Form<any>;
  state: any;
}

export async function runTerminalChat(opts: TerminalOptions): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const tty = Boolean((input as { isTTY?: boolean }).isTTY);
  const router = new ChatRouter(opts.services);
  const session = newChatSession();
  const lang = (): Lang => session.lang ?? opts.lang ?? 'zh';
  let choices: string[] = [];
  let active: ActiveForm | undefined;

  const write = (s: string) => output.write(s.endsWith('\n') ? s : `${s}\n`);
  /**
   * Numbers pick from the buttons of the latest reply or step prompt (none if it has none); only a
   * validation message (`keepChoices`) leaves the current step's buttons in place.
   */
  const show = (reply: Reply, keepChoices = false) => {
    const r = renderText(reply);
    if (!keepChoices) choices = r.choices;
    write(`${r.text}\n`);
  };

  function finishForm(f: ActiveForm): Reply {
    return f.form.name === 'mode' ? finishModeForm(f.state, lang(), opts.services) : finishSplitForm(f.state, lang(), opts.services);
  }

  function startForm(name: 'split' | 'mode') {
    const form = name === 'mode' ? modeForm : splitForm;
    active = { form, state: form.initial() };
    show({ blocks: [p(name === 'mode' ? t(lang()).formIntroMode : t(lang()).formIntroSplit)] });
    show(form.next(active.state)!.prompt(lang(), active.state));
  }

  function formAnswer(f: ActiveForm, text: string) {
    const step = f.form.next(f.state)!;
    const res = step.accept(text, f.state, lang());
    if (!res.ok) return show({ blocks: [p(res.error)] }, true);
    f.state = res.state;
    const next = f.form.next(f.state);
    if (next) return show(next.prompt(lang(), f.state));
    active = undefined;
    show(finishForm(f));
  }

  function deliver(result: RouteResult) {
    for (const r of result.replies) show(r);
    if (result.startForm) startForm(result.startForm);
  }

  if (tty) show(router.welcome(lang()).replies[0]);
  const rl = createInterface({ input, output: tty ? output : undefined, terminal: tty, prompt: '> ' });
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (/^\/(quit|exit)$/i.test(line)) break;
      const picked = /^\d{1,2}$/.test(line) ? choices[Number(line) - 1] : undefined;
      if (active) {
        if (/^\/cancel\b/i.test(line)) {
          active = undefined;
          show({ blocks: [p(t(lang()).cancelled)] });
        } else if (line.startsWith('/')) {
          active = undefined;
          deliver(await router.handleText(line, { session, lang: lang() }));
        } else formAnswer(active, picked ?? line);
      } else if (picked) {
        choices = [];
        deliver(await router.handleAction(picked, { session, lang: lang() }));
      } else if (line) {
        deliver(await router.handleText(line, { session, lang: lang() }));
      }
    } catch (e) {
      if (isUserError(e)) write(`Error: ${e.message}`);
      else {
        // The chat goes on; the operator sees the reason on stderr.
        write(t(lang()).apology);
        process.stderr.write(`Error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
        if (process.env.DEBUG) console.error(e);
      }
    }
    if (tty) rl.prompt();
  }
  rl.close();
}
