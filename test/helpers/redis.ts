/**
 * A throw-away `redis-server` on loopback (no persistence) for tests. Without the binary the Redis
 * tests skip, unless CI or REQUIRE_REDIS makes that a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

export const HAS_REDIS = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
export const REDIS_REQUIRED = Boolean(process.env.CI || process.env.REQUIRE_REDIS);

/** A failing suite when Redis is required but missing, so a skipped Redis test cannot pass CI silently. */
export function describeRedisRequired(title: string): void {
  describe.runIf(!HAS_REDIS && REDIS_REQUIRED)(title, () => {
    it('needs redis-server', () => {
      throw new Error('redis-server is not installed but CI/REQUIRE_REDIS is set: apt-get install -y redis-server');
    });
  });
}

/** Spawns redis-server on the port and resolves once it answers PING (gives up, killing it, after 10 s). */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined); // refused connections while it starts are expected
  const deadline = Date.now() + 10_000;
  try {
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        return proc;
      } catch (e) {
        if (Date.now() > deadline) {
          proc.kill('SIGKILL');
          throw e;
        }
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    probe.disconnect();
  }
}
