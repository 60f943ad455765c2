import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('runs work for one key strictly one after another, other keys independently', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let openA!: () => void;
    const gateA = new Promise<void>((resolve) => (openA = resolve));
    const first = mutex.run('a', async () => {
      log.push('a1 start');
      await gateA;
      log.push('a1 end');
    });
    const second = mutex.run('a', async () => {
      log.push('a2');
    });
    const other = mutex.run('b', async () => {
      log.push('b1');
    });
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    openA();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('keeps going after a failure and returns values', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 42)).resolves.toBe(42);
  });
});
