import { E2E_ADMIN_TOKEN } from './http';
import { freePort, RunningProcess, startProcess, tempDir } from './processes';
import type { Endpoints } from './scenario';

/** The standalone SMSC simulator as its own process, with its HTTP side door (GET /stats, POST /mo). */
export interface SimulatorProcess extends RunningProcess {
  smppPort: number;
  /** Its CMPP side (China Mobile's protocol). */
  cmppPort: number;
  /** Base URL of the side door. */
  control: string;
}

/** Starts `dist/apps/carrier-simulator/src/main.js`; `env` adds SIM_* settings (README "standalone SMSC simulator"). */
export async function startSimulator(env: Record<string, string> = {}): Promise<SimulatorProcess> {
  const smppPort = await freePort();
  const cmppPort = await freePort();
  const running = await startProcess(
    'apps/carrier-simulator/src/main.js',
    { SIM_SMPP_PORT: String(smppPort), SIM_CMPP_PORT: String(cmppPort), SIM_HOST: '127.0.0.1', SIM_HTTP_PORT: String(await freePort()), ...env },
    /control .* on (http:\/\/\S+)/,
  );
  return { ...running, smppPort, cmppPort, control: running.match[1] };
}

export type AppService = 'account-billing' | 'content-review' | 'dispatch' | 'carrier-adapter';
export const APP_SERVICES: readonly AppService[] = ['account-billing', 'content-review', 'dispatch', 'carrier-adapter'];

export interface PerAppProfile {
  services: Map<AppService, RunningProcess & { url: string }>;
  urls: Endpoints;
  /** Each service's SQLite directory (left in place by stop(), for a caller that wants to look or clean up). */
  dataDirs: string[];
  stop(): Promise<void>;
}

/**
 * One app as its own process on Kafka with its SQLite files in `dataDir` (reuse the directory to restart it),
 * submitting to the simulator on `smppPort` — and, given `cmppPort`, China Mobile's numbers to its CMPP side, the
 * embedded profile's default routing (ADR 0042).
 */
export async function startAppProcess(
  name: AppService,
  options: { kafkaBootstrap: string; smppPort: number; cmppPort?: number; dataDir: string; env?: Record<string, string> },
): Promise<RunningProcess & { url: string }> {
  const running = await startProcess(
    `apps/${name}/src/main.js`,
    {
      PORT: '0',
      GRPC_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      KAFKA_BROKERS: options.kafkaBootstrap,
      KAFKA_CLIENT_ID: name,
      SMPP_HOST: '127.0.0.1',
      SMPP_PORT: String(options.smppPort),
      ...(options.cmppPort !== undefined
        ? { CMPP_ENABLED: 'true', CMPP_HOST: '127.0.0.1', CMPP_PORT: String(options.cmppPort), DISPATCH_ROUTES: '*=smpp-default,CMCC=cmpp-default' }
        : {}),
      // One bootstrap key for every process of the deployment.
      ADMIN_API_KEY: E2E_ADMIN_TOKEN,
      ...options.env,
    },
    /ready: REST (http:\/\/\S+)\/v1/,
  );
  return { ...running, url: running.match[1] };
}

/**
 * Every app its own process on Kafka, each with its own SQLite files, submitting to the simulator (SMPP, and CMPP for
 * China Mobile when it has a CMPP port) —
 * the same settings as the per-app e2e suite (e2e/kafka.e2e.spec.ts).
 */
export async function startPerAppProfile(kafkaBootstrap: string, simulator: { smppPort: number; cmppPort?: number }, env: Record<string, string> = {}): Promise<PerAppProfile> {
  const services = new Map<AppService, RunningProcess & { url: string }>();
  const dataDirs: string[] = [];
  const stop = () => Promise.all([...services.values()].map((s) => s.stop())).then(() => undefined);
  const started = await Promise.allSettled(
    APP_SERVICES.map(async (name) => {
      const dataDir = tempDir(name);
      dataDirs.push(dataDir);
      services.set(name, await startAppProcess(name, { kafkaBootstrap, smppPort: simulator.smppPort, cmppPort: simulator.cmppPort, dataDir, env }));
    }),
  );
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const url = (name: AppService) => services.get(name)?.url ?? '';
  return { services, urls: { accounts: url('account-billing'), review: url('content-review'), dispatch: url('dispatch') }, dataDirs, stop };
}
