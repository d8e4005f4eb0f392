import { documentsDirOf, type Config } from '../config';
import { loadAddedDocuments } from '../corpus/added';
import { bankDirFor, enrichDocuments } from '../knowledge/enrich';
import { createGenerator } from '../llm/generate';

/**
 * With an LLM configured, an added document's question bank is written by the model at import time
 * (src/knowledge/enrich.ts), into `<documentsDir>/questions/`. Without one, nothing happens: the
 * document is answered from its passages and lists alone. A failure is logged, never fatal.
 */
export async function runEnrichHook(config: Config, docId: string, log: (message: string, level?: 'info' | 'warn') => void): Promise<boolean> {
  if (!config.OPENAI_API_KEY) return false;
  const documentsDir = documentsDirOf(config);
  try {
    const docs = loadAddedDocuments(documentsDir).filter((d) => d.id === docId);
    if (!docs.length) return false;
    const report = await enrichDocuments(docs, bankDirFor(documentsDir), createGenerator(config), { origin: `llm:${config.OPENAI_MODEL}`, log: (m) => log(m, 'warn') });
    log(`enrich ${docId}: ${report.written.length} question-bank entries written, ${report.failed.length} nodes skipped`, 'info');
    return true;
  } catch (e) {
    log(`enrich for ${docId} failed (${e instanceof Error ? e.message : String(e)}); the document is answered from its passages`, 'warn');
    return false;
  }
}
