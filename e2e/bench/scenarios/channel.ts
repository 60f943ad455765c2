/**
 * `smpp-channel` / `cmpp-channel` (issue 10): one operator channel — the carrier adapter's own channel class, built
 * by the same factory from the same settings the service uses — with one bind/connection and a window of 50, against our standalone
 * simulator process on loopback (its own process, so the two sides do not share a thread). Every message asks for a
 * receipt, so the channel also reads a report per submit while it submits.
 *
 * submitsPerSecond = submits answered / (first submit → last answer); the latencies are per message, from the call
 * to its answer (queueing behind the window included, which is what a caller sees); receiptsPerSecond counts from the
 * first submit to the last receipt. cpuMsPerSubmit is this process's CPU (the channel side), simulatorCpuMsPerSubmit
 * the simulator's. Target: ≥ 10,000 submits/s (CONTRACTS.md).
 */
/* eslint-disable @nx/enforce-module-boundaries */
import { CarrierAdapterConfig, type ChannelConnection, createOperatorChannel } from '@sms/carrier-adapter';
import { loadConfig } from '@sms/service-kit';
import { processCpuMs } from '../../support/cpu';
import { startSimulator } from '../../support/profiles';
import { type BenchOptions, chinaMobileNumbers, cpuPerMessage, type Figures, log, percentile, perSecond, renderedText, type Scenario } from '../common';

const WINDOW = 50;
const TARGET = 10_000;

function channelScenario(protocol: 'smpp' | 'cmpp'): Scenario {
  return {
    name: `${protocol}-channel`,
    async run(options: BenchOptions, cleanup): Promise<Figures> {
      const simulator = await startSimulator();
      cleanup.add('simulator', () => simulator.stop());
      // The channel the service would build from its own settings: one bind/connection, window 50, a receipt each.
      const settings = loadConfig({
        SMPP_PORT: String(simulator.smppPort),
        SMPP_WINDOW: String(WINDOW),
        CMPP_ENABLED: 'true',
        CMPP_PORT: String(simulator.cmppPort),
        CMPP_WINDOW: String(WINDOW),
      }).settings(CarrierAdapterConfig);
      const connection = settings.channels.find((c) => c.protocol === protocol) as ChannelConnection;
      const channel = createOperatorChannel(connection, settings.sessionTiming);
      cleanup.add('channel', () => channel.close());
      await channel.start();

      const total = options.messages;
      const text = renderedText();
      const numbers = chinaMobileNumbers(total).map((n) => `+86${n}`);
      let receipts = 0;
      let lastReceiptAt = 0;
      let allReceipts: () => void = () => undefined;
      const receiptsDone = new Promise<void>((resolve) => (allReceipts = resolve));
      channel.on('receipt', () => {
        lastReceiptAt = performance.now();
        if (++receipts === total) allReceipts();
      });

      log(`${protocol}-channel: ${total} submits, window ${WINDOW}`);
      const cpuBefore = process.cpuUsage();
      const simCpuBefore = processCpuMs(simulator.child.pid);
      const latencies = new Array<number>(total);
      let refused = 0;
      let lastAnswerAt = 0;
      const startedAt = performance.now();
      // All handed over at once: the channel's own window and queue are what pace it, as in the service.
      await Promise.all(
        numbers.map(async (to, i) => {
          const sentAt = performance.now();
          const outcome = await channel.submit({ to, text, registeredDelivery: true });
          lastAnswerAt = performance.now();
          latencies[i] = lastAnswerAt - sentAt;
          if (outcome.parts.some((p) => p.error)) refused++;
        }),
      );
      await Promise.race([receiptsDone, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      const cpu = process.cpuUsage(cpuBefore);
      const simCpuAfter = processCpuMs(simulator.child.pid);
      const sorted = latencies.sort((a, b) => a - b);
      const figures: Figures = {
        submitsPerSecond: perSecond(total, lastAnswerAt - startedAt),
        window: WINDOW,
        binds: 1,
        p50SubmitMs: round(percentile(sorted, 50)),
        p99SubmitMs: round(percentile(sorted, 99)),
        refused,
        receipts,
        receiptsPerSecond: perSecond(receipts, lastReceiptAt - startedAt),
        cpuMsPerSubmit: cpuPerMessage((cpu.user + cpu.system) / 1000, total),
        simulatorCpuMsPerSubmit: simCpuBefore === undefined || simCpuAfter === undefined ? undefined : cpuPerMessage(simCpuAfter - simCpuBefore, total),
        targetSubmitsPerSecond: TARGET,
        messages: total,
      };
      return { ...figures, targetMet: Number(figures.submitsPerSecond) >= TARGET && refused === 0 && receipts === total };
    },
  };
}

const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10) / 10);

export const smppChannel = channelScenario('smpp');
export const cmppChannel = channelScenario('cmpp');
