import { createServer } from 'node:net';

/** A loopback port that was free a moment ago (for servers that must be told their port up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Polls `probe` until it returns something other than undefined. A probe that throws is tried again; the last
 * error is part of the timeout message.
 */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
}

/** Retries `assertion` (expect calls) until it passes; its last failure is the timeout message. */
export function eventuallyPasses(assertion: () => void | Promise<void>, timeoutMs = 10_000): Promise<true> {
  return eventually(
    async () => {
      await assertion();
      return true as const;
    },
    'the assertion to hold',
    timeoutMs,
  );
}
