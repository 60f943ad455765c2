import { ACCOUNT_BILLING_SERVICE } from '@sms/account-billing';
import { CARRIER_ADAPTER_SERVICE, CarrierAdapterConfig } from '@sms/carrier-adapter';
import { CONTENT_REVIEW_SERVICE } from '@sms/content-review';
import { DISPATCH_SERVICE } from '@sms/dispatch';
import { GatedBus, InProcessBus, serveBusOverPort } from '@sms/messaging';
import { stdoutLogFormat } from '@sms/observability';
import { type AdminKey, loadConfig, PlatformConfig, resolveAdminKey, SecuritySettings, startServices } from '@sms/service-kit';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { startCarrierThread } from './carrier-thread';
import { EMBEDDED_DEFAULTS, EmbeddedHostConfig } from './platform.config';
import { startSimulatorThread } from './simulator-thread';

/** On the main thread; the carrier adapter runs on its own (ADR 0009). */
const API_SERVICES = [ACCOUNT_BILLING_SERVICE, CONTENT_REVIEW_SERVICE, DISPATCH_SERVICE];
const SERVICES = [...API_SERVICES, CARRIER_ADAPTER_SERVICE];

/**
 * The embedded profile: every service and the SMSC simulator in one process, SQLite under DATA_DIR, the
 * in-process bus — or Kafka when KAFKA_BROKERS is set. `npm start` runs this. Three threads: the services with
 * an API, the carrier adapter, and the simulator standing in for the operator.
 */
async function main(): Promise<void> {
  let config: PlatformConfig;
  let host: EmbeddedHostConfig;
  let channel: CarrierAdapterConfig;
  let admin: AdminKey;
  try {
    config = loadConfig({ ...EMBEDDED_DEFAULTS, ...process.env });
    host = config.settings(EmbeddedHostConfig);
    // Every service's own settings are checked before anything starts, so a wrong value stops the process at once.
    for (const service of SERVICES) for (const settings of service.settings ?? []) config.settings(settings);
    channel = config.settings(CarrierAdapterConfig);
    // Resolved (and generated on the first start) here, so the one start that creates it can print it.
    admin = resolveAdminKey(config.settings(SecuritySettings).ADMIN_API_KEY, config.DATA_DIR);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }

  const simulator = host.SIMULATOR
    ? await startSimulatorThread({
        host: channel.SMPP_HOST,
        port: channel.SMPP_PORT,
        receiptDelayMs: host.SIMULATOR_RECEIPT_DELAY_MS,
        httpPort: host.SIMULATOR_HTTP_PORT,
        // China Mobile's channel speaks CMPP to the same simulator (ADR 0042).
        ...(channel.CMPP_ENABLED ? { cmppPort: channel.CMPP_PORT } : {}),
      })
    : undefined;
  // An ephemeral simulator port (SMPP_PORT=0, CMPP_PORT=0) is only known once it listens.
  if (simulator) {
    config = config.with({ SMPP_PORT: simulator.port, ...(simulator.cmppPort !== undefined ? { CMPP_PORT: simulator.cmppPort } : {}) });
    channel = config.settings(CarrierAdapterConfig);
  }

  // In-process, a group that subscribes late misses what was published before, so nothing is published until
  // every consumer on both threads has subscribed. Kafka keeps offsets, so each thread has its own client there.
  const gated = config.kafkaBrokers ? undefined : new GatedBus(new InProcessBus());
  let stopServing: (() => Promise<void>) | undefined;
  let busPort;
  if (gated) {
    const channel = new MessageChannel();
    stopServing = serveBusOverPort(gated, channel.port1);
    busPort = channel.port2;
  }
  const carrier = await startCarrierThread(config, busPort);
  const running = await startServices('sms-platform', API_SERVICES, config, { bus: gated });
  gated?.open();

  // e2e tests and scripts read the REST API line: keep its shape.
  const lines = [
    'SMS platform is up (embedded profile)',
    `  REST API   ${running.httpUrl}/v1`,
    `  OpenAPI    ${running.httpUrl}/docs  (JSON /docs/openapi.json, AsyncAPI /docs/asyncapi.json)`,
    `  gRPC       ${running.grpcUrl ?? 'off (GRPC_PORT=0)'}`,
    `  bus        ${config.KAFKA_BROKERS ? `Kafka ${config.KAFKA_BROKERS}` : 'in-process'}`,
    `  data       ${config.EVENT_STORE === 'sqlite' ? resolve(config.DATA_DIR) : config.EVENT_STORE}`,
    `  operator   SMPP ${channel.SMPP_HOST}:${channel.SMPP_PORT}${channel.CMPP_ENABLED ? `, CMPP ${channel.CMPP_VERSION} ${channel.CMPP_HOST}:${channel.CMPP_PORT} (China Mobile)` : ''}${simulator ? ' (bundled simulator)' : ''}`,
    ...(simulator && host.SIMULATOR_HTTP_PORT !== undefined ? [`  simulator  http://${channel.SMPP_HOST}:${host.SIMULATOR_HTTP_PORT} (POST /mo, GET /stats)`] : []),
    `  admin key  ${adminKeyLine(admin)}`,
    `  logs       ${config.LOG_LEVEL}, ${stdoutLogFormat()} (LOG_LEVEL=debug shows Nest's start-up; LOG_FORMAT=json|pretty)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    // The carrier first: it publishes to consumers on this thread, which must still be there to take it.
    await carrier.close();
    await stopServing?.();
    await running.close();
    await simulator?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Where the bootstrap key (operator + reviewer) is; the key itself only on the start that generated it. */
function adminKeyLine(admin: AdminKey): string {
  if (!admin.file) return 'from ADMIN_API_KEY';
  if (admin.generated) return `${admin.token}  (generated now, shown once; kept in ${admin.file}, mode 0600)`;
  return `in ${admin.file} (mode 0600; set ADMIN_API_KEY to use your own)`;
}

void main().catch((error) => {
  process.stderr.write(`sms-platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
