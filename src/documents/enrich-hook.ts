import { documentsDirOf, type Config } from '../config';

/** What the knowledge layer's `enrichDocument` is called with (src/knowledge/enrich.ts, when it exists). */
export interface EnrichRequest {
  /** The added document's id: its cleaned file is `<documentsDir>/<docId>.md`. */
  docId: string;
  /** Where the document lives; its question bank belongs in `<documentsDir>/questions/` (loaded by retrieval/index.ts). */
  documentsDir: string;
  config: Config;
  log: (message: string, level?: 'info' | 'warn') => void;
}

/**
 * Call site for the knowledge layer's question-bank writer (`npm run enrich`, src/knowledge): with an
 * LLM configured, the new document's questions are written by the model. The module is optional: if
 * it is not there (or exports no `enrichDocument`), nothing happens.
 */
export async function runEnrichHook(config: Config, docId: string, log: (message: string, level?: 'info' | 'warn') => void): Promise<boolean> {
  if (!config.OPENAI_API_KEY) return false;
  const spec = '../knowledge/enrich';
  const mod = (await import(/* @vite-ignore */ spec).catch(() => undefined)) as
    | { enrichDocument?: (a: EnrichRequest) => Promise<unknown> }
    | undefined;
  if (!mod?.enrichDocument) return false;
  try {
    await mod.enrichDocument({ docId, documentsDir: documentsDirOf(config), config, log });
    return true;
  } catch (e) {
    log(`enrich for ${docId} failed (${e instanceof Error ? e.message : String(e)}); the document is answered from its passages`, 'warn');
    return false;
  }
}

