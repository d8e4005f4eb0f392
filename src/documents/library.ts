/**
 * The documents of a running bot: add, list, remove, and keep the answering index current.
 *
 * After a change the new index is built in a child process (so the bot goes on answering from the
 * old index meanwhile, with its event loop free), then loaded and swapped in at once
 * (reloadServices). The documents folder's manifest is polled every DOCUMENTS_POLL_SECONDS, so a
 * document added or removed by another instance (or the CLI) on a shared folder reaches this one
 * within a minute.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_MANIFEST } from '../corpus/added';
import { documentsDirOf } from '../config';
import { reloadServices, type Services } from '../services';
import { documentRows, type DocumentRow } from './catalog';
import { importDocument } from './import';
import { answerableQuestions } from './questions';
import { removeDocument } from './remove';
import { runEnrichHook } from './enrich-hook';

export interface AddReport {
  id: string;
  source: string;
  title: string;
  chunks: number;
  sections: string[];
  /** Questions the advisor now answers citing the document (at most three; fewer when fewer are). */
  questions: string[];
}

export interface DocumentLibrary {
  isAdmin(userId: number | undefined): boolean;
  list(): DocumentRow[];
  add(file: { bytes: Buffer; fileName: string; title?: string }): Promise<AddReport>;
  remove(ref: string): Promise<{ id: string; source: string; title: string }>;
  /** Starts watching the documents folder for changes made elsewhere. */
  start(): void;
  stop(): void;
  /** Settles when no rebuild is running (tests, shutdown). */
  idle(): Promise<void>;
}

export type LibraryLog = (message: string, level?: 'info' | 'warn') => void;

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');

/** Builds the index for the corpus as it is on disk, in a child process; resolves false if that failed. */
export function buildIndexInChild(services: Services, log: LibraryLog, timeoutMs = 5 * 60_000): Promise<boolean> {
  const c = services.config;
  // Absolute folders: the child runs from the project root.
  const env = { ...process.env, CORPUS_DIR: resolve(c.CORPUS_DIR), INDEX_DIR: resolve(c.INDEX_DIR), DATA_DIR: resolve(c.DATA_DIR), DOCUMENTS_DIR: resolve(documentsDirOf(c)) };
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'index'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      log(`index build in a child process could not start (${e.message}); building in this process`, 'warn');
      done(false);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) log(`index build in a child process failed (exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}); building in this process`, 'warn');
      done(code === 0);
    });
  });
}

/** What identifies the folder's current state: the manifest's bytes (absent: ''). */
function manifestSignature(dir: string): string {
  const p = join(dir, ADDED_MANIFEST);
  if (!existsSync(p)) return '';
  try {
    return createHash('sha256').update(readFileSync(p)).digest('hex');
  } catch {
    return '';
  }
}

export interface LibraryOptions {
  services: Services;
  log?: LibraryLog;
  /** Poll interval (default: the config's DOCUMENTS_POLL_SECONDS). */
  pollMs?: number;
  /** Build the index in a child process (default true); false builds in-process (tests of the swap). */
  childBuild?: boolean;
}

export function createLibrary(opts: LibraryOptions): DocumentLibrary {
  const { services } = opts;
  const log: LibraryLog = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  const dir = documentsDirOf(services.config);
  const admins = services.config.ADMIN_USER_IDS ?? new Set<number>();
  let loaded = manifestSignature(dir);
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  /** One rebuild at a time, in order; each loads whatever the folder holds when it runs. */
  const rebuild = (reason: string): Promise<void> => {
    const run = async () => {
      const signature = manifestSignature(dir);
      if (opts.childBuild ?? true) await buildIndexInChild(services, log);
      await reloadServices(services, { log: (m) => log(m, 'info') });
      loaded = signature;
      log(`documents reloaded (${reason}): ${services.docs.length} documents, ${services.retriever.chunks.length} passages`, 'info');
    };
    chain = chain.then(run, run);
    return chain;
  };

  return {
    isAdmin: (id) => id !== undefined && admins.has(id),
    list: () => documentRows(services.docs),
    async add(file) {
      const result = await importDocument(file, { documentsDir: dir, existing: services.docs });
      await rebuild(`added ${result.entry.id}`);
      const doc = services.docs.find((d) => d.id === result.entry.id) ?? result.doc;
      const questions = await answerableQuestions(doc, services.offlineAdvisor);
      // Enrichment calls a model and may take a while: it runs after the reply's facts are known.
      void runEnrichHook(services.config, doc.id, log).then((wrote) => (wrote ? rebuild(`question bank for ${doc.id}`) : undefined));
      return { id: result.entry.id, source: result.entry.source, title: result.entry.title, chunks: result.entry.chunks, sections: result.sections, questions };
    },
    async remove(ref) {
      const entry = await removeDocument(ref, { documentsDir: dir, existing: services.docs });
      await rebuild(`removed ${entry.id}`);
      return { id: entry.id, source: entry.source, title: entry.title };
    },
    start() {
      if (timer) return;
      const pollMs = opts.pollMs ?? services.config.DOCUMENTS_POLL_SECONDS * 1000;
      timer = setInterval(() => {
        const now = manifestSignature(dir);
        if (now !== loaded) {
          loaded = now; // once per change, even if the rebuild fails
          rebuild('documents folder changed').catch((e) => log(`reloading documents failed (${e instanceof Error ? e.message : String(e)}); answering from the previous index`, 'warn'));
        }
      }, pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    idle: () => chain.catch(() => undefined),
  };
}
