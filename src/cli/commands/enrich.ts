import { join } from 'node:path';
import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { UserError } from '../../errors';
import { documentsDirOf, loadConfig } from '../../config';
import { loadAddedDocuments } from '../../corpus/added';
import { loadCorpus } from '../../corpus/load';
import { bankDirFor, enrichDocuments } from '../../knowledge/enrich';
import { createGenerator } from '../../llm/generate';

export const USAGE = 'enrich [--json] [--doc ID]  (writes question-bank entries through the configured LLM for nodes that have none)';

/**
 * `npm run enrich`: question-bank entries for every node without a current one — the shipped papers'
 * into corpus/questions/, added documents' into DOCUMENTS_DIR/questions/. Needs an LLM.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, doc: { type: 'string' } }, USAGE);
  if (positionals.length) throw new UserError(`enrich takes no arguments besides --json and --doc ID; got "${positionals.join(' ')}". Usage: ${USAGE}`);
  const config = loadConfig();
  if (!config.OPENAI_API_KEY) {
    throw new UserError('enrich needs an LLM: set OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL for another server) in .env. The shipped papers already have their question bank in corpus/questions/.');
  }
  const generate = createGenerator(config);
  const documentsDir = documentsDirOf(config);
  const groups = [
    { docs: loadCorpus(config.CORPUS_DIR), bankDir: join(config.CORPUS_DIR, 'questions') },
    { docs: loadAddedDocuments(documentsDir), bankDir: bankDirFor(documentsDir) },
  ].map((g) => ({ ...g, docs: values.doc ? g.docs.filter((d) => d.id === values.doc) : g.docs }));
  if (values.doc && !groups.some((g) => g.docs.length)) throw new UserError(`no document with id "${values.doc}". See the ids with: npm run -s cli -- docs list`);
  const origin = `llm:${config.OPENAI_MODEL}`;
  let cached = 0;
  let written = 0;
  const failed: { node: string; why: string }[] = [];
  for (const g of groups) {
    if (!g.docs.length) continue;
    const r = await enrichDocuments(g.docs, g.bankDir, generate, { origin, log: (m) => io.err(m) });
    cached += r.cached;
    written += r.written.length;
    failed.push(...r.failed);
  }
  if (values.json) io.out(JSON.stringify({ cached, written, failed }));
  else io.out(`Question bank: ${written} entries written, ${cached} nodes already had one, ${failed.length} skipped${failed.length ? ' (see the lines above)' : ''}. Rebuild nothing: the bank is read at start-up.`);
  return failed.length && !written ? 1 : 0;
}
