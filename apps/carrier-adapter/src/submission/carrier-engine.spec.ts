import { Logger } from '@nestjs/common';
import { FakeChannel } from '../test-support';
import type { CarrierEventConsumers } from './api/event-consumers';
import { CarrierEngine } from './carrier-engine';
import type { RecordOutcomesHandler } from './record-outcomes/handler';
import type { RelayOutcomesHandler } from './relay-outcomes/handler';
import type { SubmitQueuedHandler } from './submit-queued/handler';

/** Records the order in which the engine drives its parts; each step yields, so an unawaited step would show. */
function parts() {
  const calls: string[] = [];
  const step = (name: string, fail?: Error) => async () => {
    calls.push(`${name}:start`);
    await new Promise((resolve) => setImmediate(resolve));
    calls.push(`${name}:end`);
    if (fail) throw fail;
  };
  const channel = new FakeChannel('ch', 1);
  channel.start = step('channel.start');
  channel.close = step('channel.close');
  const consumers = { listen: () => void calls.push('consumers.listen'), subscribe: step('consumers.subscribe'), close: step('consumers.close') };
  const submitQueued = { start: () => void calls.push('submitQueued.start'), stop: step('submitQueued.stop') };
  const recordOutcomes = { flush: step('recordOutcomes.flush', new Error('disk full')) };
  const relayOutcomes = { handle: () => void calls.push('relayOutcomes.handle'), stop: step('relayOutcomes.stop') };
  const engine = new CarrierEngine(
    new Map([['ch', channel]]),
    consumers as unknown as CarrierEventConsumers,
    submitQueued as unknown as SubmitQueuedHandler,
    recordOutcomes as unknown as RecordOutcomesHandler,
    relayOutcomes as unknown as RelayOutcomesHandler,
  );
  return { engine, calls };
}

describe('CarrierEngine (lifecycle)', () => {
  let error: jest.SpyInstance;
  beforeEach(() => (error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => error.mockRestore());

  it('listens to each channel and starts it without waiting for its bind, then joins the bus; submits and relays once the app is up', async () => {
    const { engine, calls } = parts();
    await engine.onModuleInit();
    engine.onApplicationBootstrap();
    expect(calls.filter((c) => !c.startsWith('channel.start:end'))).toEqual([
      'consumers.listen',
      'channel.start:start',
      'consumers.subscribe:start',
      'consumers.subscribe:end',
      'submitQueued.start',
      'relayOutcomes.handle',
    ]);
  });

  it('stops in order: bus, submit loop, channels, recording (a failure is logged), relay', async () => {
    const { engine, calls } = parts();
    await engine.onModuleDestroy();
    expect(calls).toEqual([
      'consumers.close:start',
      'consumers.close:end',
      'submitQueued.stop:start',
      'submitQueued.stop:end',
      'channel.close:start',
      'channel.close:end',
      'recordOutcomes.flush:start',
      'recordOutcomes.flush:end',
      'relayOutcomes.stop:start',
      'relayOutcomes.stop:end',
    ]);
    expect(error).toHaveBeenCalledWith('recording carrier outcomes at shutdown failed: disk full');
  });
});
