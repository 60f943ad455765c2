import { Logger } from '@nestjs/common';
import { FakeChannel } from '../test-support';
import type { ChannelControlConsumer } from './api/channel-control.consumer';
import type { CarrierEventConsumers } from './api/event-consumers';
import type { ChannelSupervisor } from './application/channel-supervisor';
import { CarrierEngine } from './carrier-engine';
import type { RecordOutcomesHandler } from './record-outcomes/handler';
import type { RelayOutcomesHandler } from './relay-outcomes/handler';
import type { ReportHealthHandler } from './report-health/handler';
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
  const supervisor = { watch: () => void calls.push('supervisor.watch') };
  const controls = { subscribe: step('controls.subscribe'), close: step('controls.close') };
  const health = { start: () => void calls.push('health.start'), stop: () => void calls.push('health.stop') };
  const engine = new CarrierEngine(
    new Map([['ch', channel]]),
    consumers as unknown as CarrierEventConsumers,
    submitQueued as unknown as SubmitQueuedHandler,
    recordOutcomes as unknown as RecordOutcomesHandler,
    relayOutcomes as unknown as RelayOutcomesHandler,
    supervisor as unknown as ChannelSupervisor,
    controls as unknown as ChannelControlConsumer,
    health as unknown as ReportHealthHandler,
  );
  return { engine, calls };
}

describe('CarrierEngine (lifecycle)', () => {
  let error: jest.SpyInstance;
  beforeEach(() => (error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => error.mockRestore());

  it('listens to each channel and starts it without waiting for its bind, then joins the bus; submits, relays and reports health once the app is up', async () => {
    const { engine, calls } = parts();
    await engine.onModuleInit();
    engine.onApplicationBootstrap();
    expect(calls.filter((c) => !c.startsWith('channel.start:end'))).toEqual([
      'consumers.listen',
      'supervisor.watch',
      'channel.start:start',
      'consumers.subscribe:start',
      'controls.subscribe:start',
      'consumers.subscribe:end',
      'controls.subscribe:end',
      'submitQueued.start',
      'relayOutcomes.handle',
      'health.start',
    ]);
  });

  it('stops in order: health reports, bus, submit loop, channels, recording (a failure is logged), relay', async () => {
    const { engine, calls } = parts();
    await engine.onModuleDestroy();
    expect(calls).toEqual([
      'health.stop',
      'consumers.close:start',
      'controls.close:start',
      'consumers.close:end',
      'controls.close:end',
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
