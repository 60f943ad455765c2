import { startSmppSimulator, SmppSimulatorOptions } from '@sms/carrier-simulator';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The bundled SMSC runs on its own thread: it stands in for an operator's machine, so it should not take CPU
 * time from the services it serves. Still one process — the embedded profile's promise.
 */
export interface SimulatorThread {
  port: number;
  close(): Promise<void>;
}

export function startSimulatorThread(options: SmppSimulatorOptions): Promise<SimulatorThread> {
  const worker = new Worker(__filename, { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (message.error !== undefined) return reject(new Error(`SMPP simulator failed to start: ${message.error}`));
      resolve({
        port: message.port as number,
        close: async () => {
          worker.postMessage('close');
          await new Promise((done) => worker.once('exit', done));
        },
      });
    });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  startSmppSimulator(workerData as SmppSimulatorOptions).then(
    (simulator) => {
      port.postMessage({ port: simulator.port });
      port.on('message', (message) => {
        if (message === 'close') void simulator.close().then(() => process.exit(0));
      });
    },
    (error) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
