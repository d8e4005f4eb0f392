import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { UserError } from '../../errors';
import { loadConfig } from '../../config';
import { createServices } from '../../services';
import { stderrLog } from './shared';

export const USAGE = 'index [--force]';

/** Builds (or verifies) the search index in INDEX_DIR and says what it did, on stdout. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, USAGE);
  if (positionals.length) throw new UserError(`index takes no arguments besides --force; got "${positionals.join(' ')}". Usage: ${USAGE}`);
  const config = loadConfig();
  const t0 = performance.now();
  const { retriever } = await createServices(config, { log: stderrLog(io), force: values.force });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const what = retriever.origin === 'built' ? `Built the index in ${secs} s` : `The index is up to date (loaded in ${secs} s; use --force to rebuild)`;
  io.out(`${what}: ${retriever.docs.length} documents, ${retriever.chunks.length} chunks, embedder ${retriever.embedderId}, in ${config.INDEX_DIR}/`);
  return 0;
}
