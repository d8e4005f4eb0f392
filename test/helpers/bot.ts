/** Configuration and log capture for a real bot running against the emulator. */
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/bot/logger';
import { TEST_TOKEN, type Emulator } from './emulator';

/** A bot config pointed at the emulator, with its own data and index dirs and no practical rate limit. */
export function emulatorBotConfig(emu: Emulator, dirs: { dataDir: string; indexDir: string }, extra: Record<string, string> = {}): Config {
  return loadConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATA_DIR: dirs.dataDir,
    INDEX_DIR: dirs.indexDir,
    RATE_LIMIT_PER_MINUTE: '1000',
    ...extra,
  });
}

/** An info-level logger whose JSON lines are kept in `lines` (secrets redacted as in production). */
export function captureLog(secrets: string[] = [TEST_TOKEN], lines: string[] = []): { log: ReturnType<typeof createLogger>; lines: string[]; text: () => string } {
  const log = createLogger({ level: 'info', secrets, destination: { write: (s: string) => void lines.push(s) } });
  return { log, lines, text: () => lines.join('') };
}
