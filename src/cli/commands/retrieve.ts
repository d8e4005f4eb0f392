import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { runBatch } from '../batch';
import { UserError } from '../../errors';
import { loadConfig } from '../../config';
import { createServices } from '../../services';
import type { Hit, RetrievalMode } from '../../retrieval/types';
import { parseK, parseMode, questionFrom, stderrLog } from './shared';

export const USAGE = 'retrieve [--json] [--k N] [--mode hybrid|lexical|vector] [--context "previous question"] [--batch] "question"';

export function hitJson(h: Hit) {
  return { source: h.chunk.source, title: h.chunk.title, section: h.chunk.section, text: h.chunk.text, score: Number(h.score.toFixed(6)) };
}

function hitText(h: Hit, i: number): string {
  const where = [h.chunk.title, h.chunk.section].filter(Boolean).join(' › ');
  return `${i + 1}. [${h.score.toFixed(3)}] ${where}  (${h.chunk.source})\n   ${h.chunk.text.replace(/\s+/g, ' ').slice(0, 300)}`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, k: { type: 'string' }, mode: { type: 'string' }, batch: { type: 'boolean' }, context: { type: 'string' } },
    USAGE,
  );
  const k = parseK(values.k, 5);
  const mode: RetrievalMode | undefined = parseMode(values.mode);
  if (values.batch && positionals.length) throw new UserError(`--batch reads questions from stdin; drop the question argument. Usage: ${USAGE}`);
  const question = values.batch ? '' : questionFrom(positionals, USAGE);
  const services = await createServices(loadConfig(), { log: stderrLog(io) });
  const retrieve = async (q: string, context?: string) => {
    if (!/[\p{L}\p{N}]/u.test(q)) throw new UserError('the question is empty or only punctuation; type words, e.g. "什么是飞地接力？"');
    return services.retriever.retrieve(q, { k, mode, context: context ?? values.context });
  };
  if (values.batch) return runBatch(io, async ({ question: q, context }) => ({ hits: (await retrieve(q, context)).map(hitJson) }));
  const hits = await retrieve(question);
  if (values.json) io.out(JSON.stringify({ hits: hits.map(hitJson) }));
  else io.out(hits.length ? hits.map(hitText).join('\n\n') : 'No passages found.');
  return 0;
}
