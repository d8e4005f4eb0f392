/**
 * The one place that wires the program together: config → retriever (index on disk) → advisor.
 * The CLI, the terminal chat and the Telegram bot all call `createServices`, so they answer the
 * same way (the calculators are imported from src/tools directly).
 */
import { documentsDirOf, type Config } from './config';
import type { Advisor } from './advisor/types';
import type { CorpusDocument } from './corpus/schema';
import { createOfflineAdvisor } from './advisor/offline';
import { openRetriever, type KnowledgeRetriever } from './retrieval';
import { createEmbedder, LsaEmbedder } from './retrieval/embedders';
import type { Retriever } from './retrieval/types';

/** Where start-up messages (index built, rebuilt, warnings) go; never stdout. */
export type LogFn = (message: string) => void;

export interface Services {
  config: Config;
  retriever: KnowledgeRetriever;
  /** The advisor every front end uses: the LLM advisor when configured, else the offline one. */
  advisor: Advisor;
  /** The offline advisor, always available (the LLM advisor falls back to it). */
  offlineAdvisor: Advisor;
  docs: CorpusDocument[];
}

export interface ServicesOptions {
  log?: LogFn;
  /** Rebuild the index even when the one on disk is current (`index --force`). */
  force?: boolean;
  /** The variables `config` was read from (default process.env): says which settings were set explicitly. */
  env?: Record<string, string | undefined>;
}

/** Retrieval without the vector channel: no call to a remote embedder. */
export function lexicalOnly(retriever: Retriever): Retriever {
  return { retrieve: (query, options) => retriever.retrieve(query, { ...options, mode: 'lexical' }) };
}

export async function createServices(config: Config, opts: ServicesOptions = {}): Promise<Services> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const embedder = createEmbedder(config, opts.env);
  const retriever = await openRetriever({
    corpusDir: config.CORPUS_DIR,
    documentsDir: documentsDirOf(config),
    indexDir: config.INDEX_DIR,
    embedder,
    log,
    force: opts.force,
  });
  return { config, ...(await answerersFor(config, retriever, embedder, log)) };
}

/**
 * Opens the corpus and index again (the shipped papers plus the documents added since) and swaps the
 * new retriever and advisors into `services` in one step: every front end reads `services.advisor`
 * per question (chat/adapter.ts), so questions in progress finish on the old index and the next
 * ones use the new. Build the index on disk first (src/documents/live.ts does, in a child process)
 * and this only loads it.
 */
export async function reloadServices(services: Services, opts: ServicesOptions = {}): Promise<void> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const embedder = createEmbedder(services.config, opts.env);
  const retriever = await openRetriever({
    corpusDir: services.config.CORPUS_DIR,
    documentsDir: documentsDirOf(services.config),
    indexDir: services.config.INDEX_DIR,
    embedder,
    log,
  });
  Object.assign(services, await answerersFor(services.config, retriever, embedder, log));
}

async function answerersFor(config: Config, retriever: KnowledgeRetriever, embedder: ReturnType<typeof createEmbedder>, log: LogFn): Promise<Omit<Services, 'config'>> {
  const corpus = { docs: retriever.docs, chunks: retriever.chunks };
  const offlineAdvisor = createOfflineAdvisor(retriever, corpus);
  // Seam for the LLM path (src/llm): with OPENAI_API_KEY set, the LLM advisor answers and falls
  // back to the offline one on errors and timeouts. That fallback runs when the time budget is
  // spent, often because the same server hangs: with remote embeddings it retrieves lexically only.
  // Loaded only when configured, so the offline path never pays for the LangChain import.
  const fallback = embedder instanceof LsaEmbedder ? offlineAdvisor : createOfflineAdvisor(lexicalOnly(retriever), corpus);
  const advisor: Advisor = config.OPENAI_API_KEY
    ? (await import('./llm')).createLlmAdvisor({ config, retriever, offline: fallback, shaper: fallback, log })
    : offlineAdvisor;
  return { retriever, advisor, offlineAdvisor, docs: retriever.docs };
}
