import { startCmppSimulator, startControlServer, startSmppSimulator, type SmppSimulatorOptions } from '@sms/carrier-simulator';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The bundled SMSC runs on its own thread: it stands in for operators' machines, so it should not take CPU time from
 * the services it serves. Still one process — the embedded profile's promise. It speaks SMPP and, for China Mobile,
 * CMPP (ADR 0042).
 */
export interface SimulatorThread {
  port: number;
  /** Where its CMPP side listens; undefined when it has none. */
  cmppPort?: number;
  close(): Promise<void>;
}

export interface SimulatorThreadOptions extends SmppSimulatorOptions {
  /** Also serve the simulator's side door (GET /stats, POST /mo) on this port. */
  httpPort?: number;
  /** Also serve CMPP on this port (0: a free one). */
  cmppPort?: number;
}

export function startSimulatorThread(options: SimulatorThreadOptions): Promise<SimulatorThread> {
  const worker = new Worker(__filename, { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; cmppPort?: number; error?: string }) => {
      if (message.error !== undefined) return reject(new Error(`SMSC simulator failed to start: ${message.error}`));
      resolve({
        port: message.port as number,
        ...(message.cmppPort !== undefined ? { cmppPort: message.cmppPort } : {}),
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
  const { httpPort, cmppPort, ...options } = workerData as SimulatorThreadOptions;
  const { host, receiptDelayMs } = options;
  Promise.all([startSmppSimulator(options), cmppPort === undefined ? undefined : startCmppSimulator({ host, port: cmppPort, receiptDelayMs })]).then(
    async ([simulator, cmpp]) => {
      const control = httpPort === undefined ? undefined : await startControlServer(simulator, { port: httpPort, host, cmpp });
      port.postMessage({ port: simulator.port, ...(cmpp ? { cmppPort: cmpp.port } : {}) });
      port.on('message', (message) => {
        if (message === 'close') void Promise.all([simulator.close(), cmpp?.close(), control?.close()]).then(() => process.exit(0));
      });
    },
    (error) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
