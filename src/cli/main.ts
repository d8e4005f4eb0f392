#!/usr/bin/env tsx
/**
 * `npm run -s cli -- <command> [options]`. Each command lives in its own module under ./commands
 * and exports `run(args, io)`; this file only dispatches and turns errors into one clear line.
 */
import 'dotenv/config';
import { isUserError } from '../errors';
import { ConfigError } from '../config';
import type { CliIO } from './io';
import { processIO } from './io';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (args: string[], io: CliIO) => Promise<number>; USAGE?: string }> }> = {
  retrieve: { summary: 'retrieve [--json] [--k N] [--mode hybrid|lexical|vector] [--context "previous question"] [--batch] "question"', load: () => import('./commands/retrieve') },
  ask: { summary: 'ask [--json] [--context "previous question"] [--batch] "question"', load: () => import('./commands/ask') },
  split: { summary: 'split [--json] [--text "六四分成 1000万"] [--png FILE] [--xlsx FILE]  (JSON on stdin without --text)', load: () => import('./commands/split') },
  estimate: { summary: 'estimate [--json] [--png FILE]  (JSON on stdin: {"area":{"km2":2},"outputPerMu":250})', load: () => import('./commands/estimate') },
  mode: { summary: 'mode [--json] [--batch] "description of the partnership"', load: () => import('./commands/mode') },
  enrich: { summary: 'enrich [--json] [--doc ID]  (question-bank entries through the configured LLM)', load: () => import('./commands/enrich') },
  index: { summary: 'index [--force]  (build the search index in index/)', load: () => import('./commands/index') },
  docs: { summary: 'docs add [--json] [--title "…"] FILE | docs list [--json] | docs remove [--json] ID  (documents beside the shipped papers)', load: () => import('./commands/docs') },
};

function usage(): string {
  return ['Usage: npm run -s cli -- <command> [options]', '', 'Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}". Type one of: ${Object.keys(COMMANDS).join(', ')}.\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await command.load();
    // `<command> --help` for every command, before its own strict option parsing would reject it.
    const beforeDashes = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
    if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) {
      io.out(`Usage: npm run -s cli -- ${mod.USAGE ?? command.summary}`);
      return 0;
    }
    return await mod.run(args, io);
  } catch (e) {
    if (isUserError(e)) {
      io.err(`Error: ${e.message}`);
      return 1;
    }
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`Error: ${msg.split('\n')[0]}`);
    if (process.env.DEBUG) console.error(e);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
