/**
 * The one place that wires the program together: config → retriever (index on disk) → advisor,
 * plus the tools. The CLI, the terminal chat and the Telegram bot all call `createServices`, so
 * they answer the same way.
 */
import type { Config } from './config';
import type { Advisor } from './advisor/types';
import type { CorpusDocument } from './corpus/schema';
import { createOfflineAdvisor } from './advisor/offline';
import { openRetriever, type HybridRetriever } from './retrieval';
import { createEmbedder } from './retrieval/embedders';
import { computeSplit, SplitInputSchema } from './tools/split';
import { parseSplitText, splitFromText } from './tools/split-text';
import { estimateOutput, EstimateInputSchema } from './tools/estimate';
import { classifyMode } from './tools/classify';
import { MODES, MODE_BY_ID } from './tools/modes';

/** The deterministic calculators (src/tools), the same functions for every front end. */
export const tools = { computeSplit, SplitInputSchema, parseSplitText, splitFromText, estimateOutput, EstimateInputSchema, classifyMode, MODES, MODE_BY_ID };
export type Tools = typeof tools;

/** Where start-up messages (index built, rebuilt, warnings) go; never stdout. */
export type LogFn = (message: string) => void;

export interface Services {
  config: Config;
  retriever: HybridRetriever;
  /** The advisor every front end uses: the LLM advisor when configured, else the offline one. */
  advisor: Advisor;
  /** The offline advisor, always available (the LLM advisor falls back to it). */
  offlineAdvisor: Advisor;
  docs: CorpusDocument[];
  tools: Tools;
}

export interface ServicesOptions {
  log?: LogFn;
  /** Rebuild the index even when the one on disk is current (`index --force`). */
  force?: boolean;
}

export async function createServices(config: Config, opts: ServicesOptions = {}): Promise<Services> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const retriever = await openRetriever({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embedder: createEmbedder(config),
    log,
    force: opts.force,
  });
  const offlineAdvisor = createOfflineAdvisor(retriever, { docs: retriever.docs, chunks: retriever.chunks });
  // Seam for the LLM path (src/llm): with OPENAI_API_KEY set, the LLM advisor answers and falls
  // back to the offline one on errors and timeouts.
  // Loaded only when configured, so the offline path never pays for the LangChain import.
  const advisor: Advisor = config.OPENAI_API_KEY
    ? (await import('./llm')).createLlmAdvisor({ config, retriever, offline: offlineAdvisor, log })
    : offlineAdvisor;
  return { config, retriever, advisor, offlineAdvisor, docs: retriever.docs, tools };
}
