import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { runBatch } from '../batch';
import { UserError } from '../../errors';
import { loadConfig } from '../../config';
import { createServices } from '../../services';
import type { AskResult } from '../../advisor/types';
import { stderrLog } from './shared';

export const USAGE = 'ask [--json] [--context "previous question"] [--batch] "question"';

/** The contract's fields first (answered, answer, citations), then extras. */
export function askJson(r: AskResult) {
  return {
    answered: r.answered,
    answer: r.answer,
    citations: r.citations.map(({ n, source, title, section, quote }) => ({ n, source, title, section, quote })),
    lang: r.lang,
    via: r.via,
    ...(r.suggestions ? { suggestions: r.suggestions } : {}),
    ...(r.note ? { note: r.note } : {}),
  };
}

/** Readable form: the answer, then each numbered source as title › section and its quote. */
export function askText(r: AskResult): string {
  const lines = [r.answer];
  if (r.note) lines.push('', r.note);
  if (r.citations.length) {
    lines.push('', r.lang === 'en' ? 'Sources:' : '出处：');
    for (const c of r.citations) {
      lines.push(`[${c.n}] ${[c.title, c.section].filter(Boolean).join(' › ')}  (${c.source})`, `    “${c.quote}”`);
    }
  }
  return lines.join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, batch: { type: 'boolean' }, context: { type: 'string' } }, USAGE);
  if (values.batch && positionals.length) throw new UserError(`--batch reads questions from stdin; drop the question argument. Usage: ${USAGE}`);
  // `ask ""` or `ask "？"` is answered with a clear message by the advisor; no argument at all is a usage error.
  if (!values.batch && !positionals.length) throw new UserError(`type a question, e.g. "什么是飞地接力？". Usage: ${USAGE}`);
  const services = await createServices(loadConfig(), { log: stderrLog(io) });
  if (values.batch) {
    return runBatch(io, async ({ question, context }) => askJson(await services.advisor.ask(question, { context: context ?? values.context })));
  }
  const result = await services.advisor.ask(positionals.join(' '), { context: values.context });
  io.out(values.json ? JSON.stringify(askJson(result)) : askText(result));
  return 0;
}
