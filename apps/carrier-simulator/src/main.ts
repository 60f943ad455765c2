import { cmppSimulatorOptions, loadSimulatorConfig, simulatorOptions, type SimulatorConfig } from './config/simulator-config';
import { startControlServer, type ControlServer } from './http/control-server';
import { startCmppSimulator, type CmppSimulator } from './smsc/cmpp-simulator';
import { startSmppSimulator } from './smsc/smpp-simulator';

/** Standalone SMSC simulator (SMPP, and CMPP unless SIM_CMPP=off), configured from SIM_* variables (see config/simulator-config.ts). */
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
  let cmpp: CmppSimulator | undefined;
  if (config.SIM_CMPP === 'on') {
    cmpp = await startCmppSimulator(cmppSimulatorOptions(config));
    console.log(`CMPP ${config.SIM_CMPP_VERSION === 20 ? '2.0' : '3.0'} simulator (ISMG) listening on ${cmpp.host}:${cmpp.port}`);
  }
  let control: ControlServer | undefined;
  if (config.SIM_HTTP_PORT !== undefined) {
    control = await startControlServer(simulator, { port: config.SIM_HTTP_PORT, host: config.SIM_HOST, cmpp });
    console.log(`SMPP simulator control (GET /health, GET /stats, POST /mo) on http://${config.SIM_HOST}:${control.port}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Counters only: the simulator never logs numbers or message text.
    console.log(`${signal}: stopping SMPP simulator`, JSON.stringify(simulator.stats()));
    if (cmpp) console.log(`${signal}: stopping CMPP simulator`, JSON.stringify(cmpp.stats()));
    Promise.all([control?.close(), simulator.close(), cmpp?.close()]).then(
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
  console.error('SMSC simulator failed to start:', (error as Error).message);
  process.exit(1);
});
