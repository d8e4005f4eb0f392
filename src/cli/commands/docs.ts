/**
 * `docs add|list|remove`: the documents users add beside the five shipped papers. After `add` or
 * `remove` returns, the search index in INDEX_DIR is already rebuilt, so the next `ask`/`retrieve`
 * (a new process) answers from the changed corpus without waiting.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { UserError } from '../../errors';
import { documentsDirOf, loadConfig, type Config } from '../../config';
import { loadAllDocuments } from '../../corpus/added';
import { createServices } from '../../services';
import { documentRows } from '../../documents/catalog';
import { importDocument } from '../../documents/import';
import { DocumentRejected, MAX_BYTES } from '../../documents/rejection';
import { removeDocument } from '../../documents/remove';
import { pausePoint } from '../../documents/store';
import { runEnrichHook } from '../../documents/enrich-hook';
import { stderrLog } from './shared';

export const USAGE = 'docs add [--json] [--title "…"] FILE | docs list [--json] | docs remove [--json] ID';

function corpusOf(config: Config) {
  return loadAllDocuments({ corpusDir: config.CORPUS_DIR, documentsDir: documentsDirOf(config) });
}

/** Rebuilds the index for the changed corpus; the expected "stale, rebuilding" notice is not news here. */
async function rebuildIndex(config: Config, io: CliIO): Promise<void> {
  const log = stderrLog(io);
  await createServices(config, { log: (m) => (/rebuilding it in/.test(m) ? undefined : log(m)) });
}

function readInput(path: string): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new DocumentRejected('unreadable', { file: path, detail: 'not a file' });
    size = st.size;
  } catch (e) {
    if (e instanceof DocumentRejected) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DocumentRejected('unreadable', { file: path, detail: code === 'ENOENT' ? 'no such file' : (code ?? String(e)) });
  }
  // Checked before reading: a 2 GB file is refused without loading it.
  if (size > MAX_BYTES) throw new DocumentRejected('too-large', { file: path, detail: `${(size / 1024 / 1024).toFixed(1)} MB` });
  try {
    return readFileSync(path);
  } catch (e) {
    throw new DocumentRejected('unreadable', { file: path, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

async function add(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, title: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new UserError(`docs add takes one file; got ${positionals.length}. Usage: npm run -s cli -- docs add [--json] [--title "…"] FILE`);
  if (values.title !== undefined && !values.title.trim()) throw new UserError('--title is empty; give the title in quotes, e.g. --title "新安市飞地经济实施办法", or leave it out');
  const config = loadConfig();
  // `npm run` starts the command in the project root; a relative path means the caller's folder.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  const bytes = readInput(path);
  const result = await importDocument({ bytes, fileName: path, title: values.title }, { documentsDir: documentsDirOf(config), existing: corpusOf(config) });
  await pausePoint('indexing');
  // With an LLM configured, the knowledge layer writes the document's question bank (if it can).
  await runEnrichHook(config, result.entry.id, (m) => io.err(m));
  await rebuildIndex(config, io);
  const { entry } = result;
  if (values.json) io.out(JSON.stringify({ id: entry.id, source: entry.source, title: entry.title, chunks: entry.chunks }));
  else {
    io.out(`Added "${entry.title}" as ${entry.id}: ${entry.chunks} passages${result.sections.length ? `, sections: ${result.sections.slice(0, 8).join('; ')}` : ''}.`);
    io.out(`Its citations name ${entry.source}. Remove it with: npm run -s cli -- docs remove ${entry.id}`);
  }
  return 0;
}

async function list(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, USAGE);
  if (positionals.length) throw new UserError(`docs list takes no arguments; got "${positionals.join(' ')}". Usage: npm run -s cli -- docs list [--json]`);
  const rows = documentRows(corpusOf(loadConfig()));
  if (values.json) io.out(JSON.stringify({ documents: rows }));
  else io.out(rows.map((r) => `${r.shipped ? 'shipped' : 'added  '}  ${r.id}  ${r.chunks} passages  ${r.title}  (${r.source})`).join('\n'));
  return 0;
}

async function remove(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, USAGE);
  if (positionals.length !== 1) throw new UserError(`docs remove takes one document id (see docs list); got ${positionals.length}. Usage: npm run -s cli -- docs remove [--json] ID`);
  const config = loadConfig();
  const entry = await removeDocument(positionals[0], { documentsDir: documentsDirOf(config), existing: corpusOf(config) });
  await rebuildIndex(config, io);
  if (values.json) io.out(JSON.stringify({ id: entry.id, source: entry.source, title: entry.title, removed: true }));
  else io.out(`Removed "${entry.title}" (${entry.id}, ${entry.source}).`);
  return 0;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'remove' || sub === 'rm') return remove(rest, io);
  throw new UserError(`docs needs add, list or remove${sub ? `; got "${sub}"` : ''}. Usage: npm run -s cli -- ${USAGE}`);
}
