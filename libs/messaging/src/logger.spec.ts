import pino from 'pino';
import { InProcessBus } from './in-process/in-process-bus';
import type { IntegrationEvent } from './bus.port';

/** The bus's own logger when a host passes none (every host today): what it writes to stdout, kept here. */
function captureStdout() {
  const raw: string[] = [];
  jest.spyOn(pino, 'destination').mockReturnValue({ write: (line: string) => raw.push(line) } as unknown as ReturnType<typeof pino.destination>);
  return raw;
}

describe('defaultBusLogger', () => {
  const saved = process.env['LOG_FORMAT'];
  beforeAll(() => {
    process.env['LOG_FORMAT'] = 'json';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['LOG_FORMAT'];
    else process.env['LOG_FORMAT'] = saved;
    jest.restoreAllMocks();
  });

  it('masks what a dead-lettered event’s error quotes, as the platform logger does', async () => {
    const raw = captureStdout();
    const bus = new InProcessBus();
    const event: IntegrationEvent = { id: 'e-1', type: 'test.event.v1', source: '/test', time: '2025-01-02T03:04:05.000Z', key: 'k', data: {} };
    const parked: IntegrationEvent[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['t'], maxRetries: 0, handler: async () => Promise.reject(new Error('no route for +8613812345678')) });
    await bus.subscribe({ groupId: 'watch', topics: ['t.dlt'], handler: async (e) => void parked.push(e) });
    await bus.publish('t', [event]);
    while (parked.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await bus.close();

    const lines = raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', name: '@sms/messaging', msg: 'event dead-lettered after exhausting retries', error: 'Error: no route for 138****5678' })]);
    expect(raw.join('')).not.toContain('13812345678');
  });
});
