import { ACCOUNT_BILLING_SERVICE } from '@sms/account-billing';
import { CARRIER_ADAPTER_SERVICE } from '@sms/carrier-adapter';
import { CONTENT_REVIEW_SERVICE } from '@sms/content-review';
import { DISPATCH_SERVICE } from '@sms/dispatch';
import { loadConfig, startServices } from '@sms/service-kit';
import { startSimulatorThread } from './simulator-thread';

/**
 * The embedded profile: every service and the SMSC simulator in one process, SQLite under DATA_DIR, the
 * in-process bus — or Kafka when KAFKA_BROKERS is set. `npm start` runs this.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }

  const simulator = config.SIMULATOR
    ? await startSimulatorThread({ host: config.SMPP_HOST, port: config.SMPP_PORT, receiptDelayMs: config.SIMULATOR_RECEIPT_DELAY_MS })
    : undefined;
  // An ephemeral simulator port (SMPP_PORT=0) is only known once it listens.
  if (simulator) config.SMPP_PORT = simulator.port;

  const running = await startServices(
    'sms-platform',
    [ACCOUNT_BILLING_SERVICE, CONTENT_REVIEW_SERVICE, DISPATCH_SERVICE, CARRIER_ADAPTER_SERVICE],
    config,
  );
  const lines = [
    'SMS platform is up (embedded profile)',
    `  REST API   ${running.httpUrl}/v1`,
    `  OpenAPI    ${running.httpUrl}/docs`,
    ...(running.grpcUrl ? [`  gRPC       ${running.grpcUrl}`] : []),
    `  bus        ${config.KAFKA_BROKERS ? `Kafka ${config.KAFKA_BROKERS}` : 'in-process'}`,
    `  data       ${config.EVENT_STORE === 'sqlite' ? config.DATA_DIR : config.EVENT_STORE}`,
    `  operator   SMPP ${config.SMPP_HOST}:${config.SMPP_PORT}${simulator ? ' (bundled simulator)' : ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    await running.close();
    await simulator?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((error) => {
  process.stderr.write(`sms-platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
