import { loadSimulatorConfig, simulatorOptions, type SimulatorConfig } from './config/simulator-config';
import { startControlServer, type ControlServer } from './http/control-server';
import { startSmppSimulator } from './smsc/smpp-simulator';

/** Standalone SMSC simulator, configured from SIM_* variables (see config/simulator-config.ts). */
async function main(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = loadSimulatorConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const simulator = await startSmppSimulator(simulatorOptions(config));
  console.log(`SMPP simulator listening on ${simulator.host}:${simulator.port}`);
  let control: ControlServer | undefined;
  if (config.SIM_HTTP_PORT !== undefined) {
    control = await startControlServer(simulator, { port: config.SIM_HTTP_PORT, host: config.SIM_HOST });
    console.log(`SMPP simulator control (GET /health, GET /stats, POST /mo) on http://${config.SIM_HOST}:${control.port}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Counters only: the simulator never logs numbers or message text.
    console.log(`${signal}: stopping SMPP simulator`, JSON.stringify(simulator.stats()));
    Promise.all([control?.close(), simulator.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('SMPP simulator did not close cleanly:', (error as Error).message);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('SMPP simulator failed to start:', (error as Error).message);
  process.exit(1);
});
