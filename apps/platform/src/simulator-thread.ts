import { startControlServer, startSmppSimulator, SmppSimulatorOptions } from '@sms/carrier-simulator';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The bundled SMSC runs on its own thread: it stands in for an operator's machine, so it should not take CPU
 * time from the services it serves. Still one process — the embedded profile's promise.
 */
export interface SimulatorThread {
  port: number;
  close(): Promise<void>;
}

export interface SimulatorThreadOptions extends SmppSimulatorOptions {
  /** Also serve the simulator's side door (GET /stats, POST /mo) on this port. */
  httpPort?: number;
}

export function startSimulatorThread(options: SimulatorThreadOptions): Promise<SimulatorThread> {
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
  const { httpPort, ...options } = workerData as SimulatorThreadOptions;
  startSmppSimulator(options).then(
    async (simulator) => {
      const control = httpPort === undefined ? undefined : await startControlServer(simulator, { port: httpPort, host: options.host });
      port.postMessage({ port: simulator.port });
      port.on('message', (message) => {
        if (message === 'close') void Promise.all([simulator.close(), control?.close()]).then(() => process.exit(0));
      });
    },
    (error) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
