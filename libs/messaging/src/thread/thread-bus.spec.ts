import { MessageChannel } from 'node:worker_threads';
import { describeBusContract, silentBusLogger } from '../contract/bus.contract';
import { InProcessBus } from '../in-process/in-process-bus';
import { GatedBus, serveBusOverPort, ThreadBus } from './thread-bus';

// The whole bus contract holds through the port (one thread here; the wire is the same between threads).
describeBusContract('thread bridge over an in-process bus', () => {
  const { port1, port2 } = new MessageChannel();
  const main = new InProcessBus({ logger: silentBusLogger });
  const stop = serveBusOverPort(main, port1);
  const bridged = new ThreadBus(port2);
  return {
    publish: (topic, events) => bridged.publish(topic, events),
    subscribe: (options) => bridged.subscribe(options),
    close: async () => {
      await bridged.close();
      await stop();
      port2.close();
      await main.close();
    },
  };
});

describe('GatedBus', () => {
  it('holds publishes until opened, while subscriptions go through', async () => {
    const inner = new InProcessBus({ logger: silentBusLogger });
    const gated = new GatedBus(inner);
    const seen: string[] = [];
    await gated.subscribe({ groupId: 'g', topics: ['t'], handler: async (event) => void seen.push(event.id) });
    let published = false;
    const publishing = gated.publish('t', [{ id: 'e1', type: 'x.v1', source: '/s', time: new Date().toISOString(), key: 'k', data: {} }]).then(() => {
      published = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(published).toBe(false);
    expect(seen).toEqual([]);
    gated.open();
    await publishing;
    expect(seen).toEqual(['e1']);
    await inner.close();
  });
});

describe('ThreadBus close', () => {
  it('answers a delivery that crossed the port while its subscription closed, so the serving bus can close', async () => {
    const { port1, port2 } = new MessageChannel();
    const main = new InProcessBus({ logger: silentBusLogger });
    const stop = serveBusOverPort(main, port1);
    const bridged = new ThreadBus(port2);
    const subscription = await bridged.subscribe({ groupId: 'g', topics: ['t'], handler: async () => undefined });
    // The delivery is posted to the worker side; before the worker reads it, the subscription closes.
    const published = main.publish('t', [{ id: 'e1', type: 'x.v1', source: '/s', time: new Date().toISOString(), key: 'k', data: {} }]).catch((error: Error) => error.name);
    const closing = subscription.close();
    const closed = await Promise.race([closing.then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 2_000))]);
    expect(closed).toBe('closed');
    // Nobody handled it: the publish is not reported done.
    await expect(published).resolves.toBe('ConsumerGroupClosedError');
    await stop();
    port2.close();
    await main.close();
  });
});
