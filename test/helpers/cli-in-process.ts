import type { CliIO } from '../../src/cli/io';
import { isUserError } from '../../src/errors';

/** Runs a CLI command module in-process, as src/cli/main.ts does (a UserError becomes one line and exit 1). */
export async function inProcess(run: (a: string[], io: CliIO) => Promise<number>, args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin };
  let code: number;
  try {
    code = await run(args, io);
  } catch (e) {
    if (!isUserError(e)) throw e;
    err.push(`Error: ${e.message}`);
    code = 1;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
