import { CARRIER_ADAPTER_SERVICE } from '@sms/carrier-adapter';
import { MessageBus, ThreadBus } from '@sms/messaging';
import { loadConfig, PlatformConfig, startHeadlessServices } from '@sms/service-kit';
import { isMainThread, MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The carrier adapter runs on its own thread in the embedded profile, so the operator sessions, receipt
 * processing and submit queue use the second core while the other services keep the first. It shares the event
 * store file (its own SQLite connection) and reaches the bus through a MessagePort.
 */
export interface CarrierThread {
  close(): Promise<void>;
}

interface CarrierThreadData {
  /** The host's settings source (environment and overrides): the worker rebuilds every configuration from it. */
  config: Record<string, unknown>;
  busPort?: MessagePort;
}

export function startCarrierThread(config: PlatformConfig, busPort?: MessagePort): Promise<CarrierThread> {
  const data: CarrierThreadData = { config: config.source(), busPort };
  const worker = new Worker(__filename, { workerData: data, transferList: busPort ? [busPort] : [] });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { ready?: true; error?: string }) => {
      if (message.error !== undefined) return reject(new Error(`carrier adapter failed to start: ${message.error}`));
      resolve({
        close: async () => {
          worker.postMessage('close');
          await new Promise((done) => worker.once('exit', done));
        },
      });
    });
  });
}

if (!isMainThread && parentPort) {
  const parent = parentPort;
  const { config: plain, busPort } = workerData as CarrierThreadData;
  const config = loadConfig({}, plain);
  const bus: MessageBus | undefined = busPort ? new ThreadBus(busPort) : undefined;
  startHeadlessServices('carrier-adapter', [CARRIER_ADAPTER_SERVICE], config, { bus }).then(
    (running) => {
      parent.postMessage({ ready: true });
      parent.on('message', (message) => {
        if (message === 'close') void running.close().then(() => process.exit(0));
      });
    },
    (error) => parent.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
