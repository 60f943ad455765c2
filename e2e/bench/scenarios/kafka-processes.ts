/**
 * `kafka-processes`: the production shape on this machine — account-billing, content-review, dispatch and
 * carrier-adapter each their own process on the librdkafka mock cluster, the standalone simulator as the operator.
 *
 * Phase 1 (full load): N messages in batches of 1,000, `concurrency` requests in flight, until every message is
 * DELIVERED → messagesPerSecond.
 * Phase 2 (half load): another N messages offered at half that rate, paced: a batch every 50 ms on a fixed schedule
 * (rate/20 recipients each), so latency measures the pipeline rather than a 1,000-message burst draining →
 * p50/p99 accept→submit (submittedAt − acceptedAt from GET /v1/messages) of those messages.
 * cpuMsPerMessage: CPU of the four services and the simulator in phase 1 (not the Kafka mock's, not the bench's).
 * Targets for later reference, printed, not asserted: ≥ 3,000 msg/s, p99 < 200 ms at half load.
 */
import { rmSync } from 'node:fs';
import { ALL_TOPICS } from '@sms/contracts';
import { startKafkaMock } from '@sms/testing';
import { cpuStopwatch } from '../../support/cpu';
import { startPerAppProfile, startSimulator } from '../../support/profiles';
import {
  acceptToSubmit,
  BenchOptions,
  chinaMobileNumbers,
  chunk,
  Cleanup,
  cpuPerMessage,
  expectAllDelivered,
  log,
  perSecond,
  prepareSender,
  Scenario,
  sendAll,
  sleep,
  waitUntilDrained,
} from '../common';

const BATCH_SIZE = 1_000;
const PACE_INTERVAL_MS = 50;
/**
 * librdkafka's mock keeps at most 5 MB per partition and drops the oldest records beyond it, whether consumed or
 * not; the bench's single account puts a whole topic in one partition, so past ~30,000 messages per phase a consumer
 * running a second behind finds its records gone (OFFSET_OUT_OF_RANGE) and the run never drains. Real Kafka keeps
 * records by time. Larger runs are capped here, and the figures say so.
 */
const MOCK_MESSAGES_PER_PHASE = 30_000;

export const kafkaProcesses: Scenario = {
  name: 'kafka-processes',
  async run(options: BenchOptions, cleanup: Cleanup) {
    const total = Math.min(options.messages, MOCK_MESSAGES_PER_PHASE);
    if (total < options.messages) log(`kafka-processes: ${total} messages per phase, not ${options.messages} (the Kafka mock keeps 5 MB a partition)`);
    const kafka = await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 });
    cleanup.add('Kafka mock', () => kafka.stop());
    const simulator = await startSimulator();
    cleanup.add('simulator', () => simulator.stop());
    const profile = await startPerAppProfile(kafka.bootstrap, simulator, { LOG_LEVEL: 'warn' });
    cleanup.add('data dirs', () => profile.dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    cleanup.add('services', () => profile.stop());
    const dispatch = profile.urls.dispatch;

    const sender = await prepareSender(profile.urls);

    // Phase 1: as fast as the services take it.
    log(`kafka-processes: full load, ${total} messages`);
    const cpu = cpuStopwatch([...[...profile.services.values()].map((s) => s.child.pid), simulator.child.pid]);
    let started = performance.now();
    await sendAll(sender, chunk(chinaMobileNumbers(total), BATCH_SIZE), options.concurrency);
    const acceptedMs = performance.now() - started;
    await waitUntilDrained(dispatch, sender, `${total} messages to be delivered (full load)`);
    const fullLoadMs = performance.now() - started;
    const cpuMs = cpu.stop();
    const messagesPerSecond = perSecond(total, fullLoadMs);

    // Phase 2: half that rate, paced. Fresh numbers, so no recipient is sent to twice.
    const halfRate = Math.max(1, Math.floor(messagesPerSecond / 2));
    const batchSize = Math.max(1, Math.round((halfRate * PACE_INTERVAL_MS) / 1000));
    const intervalMs = (batchSize / halfRate) * 1000;
    const batches = chunk(chinaMobileNumbers(total, total), batchSize);
    log(`kafka-processes: half load, ${total} messages at ${halfRate}/s (${batchSize} every ${intervalMs.toFixed(1)} ms)`);
    const halfLoadIds = new Set<string>();
    const sends: Promise<void>[] = [];
    let maxSendsInFlight = 0;
    let sendsInFlight = 0;
    started = performance.now();
    for (let i = 0; i < batches.length; i++) {
      const due = started + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sendsInFlight++;
      maxSendsInFlight = Math.max(maxSendsInFlight, sendsInFlight);
      sends.push(
        sender.send(batches[i]).then((ids) => {
          sendsInFlight--;
          for (const id of ids) halfLoadIds.add(id);
        }),
      );
    }
    await Promise.all(sends);
    const offeredMs = performance.now() - started;
    await waitUntilDrained(dispatch, sender, `${total} messages to be delivered (half load)`);

    const delivered = await expectAllDelivered(dispatch, sender, 2 * total + 1);
    const fullLoad = acceptToSubmit(delivered.filter((m) => !halfLoadIds.has(m.messageId)));
    const halfLoad = acceptToSubmit(delivered.filter((m) => halfLoadIds.has(m.messageId)));
    if (halfLoad.count !== total) throw new Error(`${halfLoad.count} of ${total} half-load messages have a submittedAt`);

    return {
      messagesPerSecond,
      p50AcceptToSubmitMsHalfLoad: halfLoad.p50,
      p99AcceptToSubmitMsHalfLoad: halfLoad.p99,
      halfLoadOfferedPerSecond: perSecond(total, offeredMs),
      halfLoadBatchSize: batchSize,
      halfLoadMaxSendsInFlight: maxSendsInFlight,
      p50AcceptToSubmitMsFullLoad: fullLoad.p50,
      p99AcceptToSubmitMsFullLoad: fullLoad.p99,
      messages: total,
      ...(total < options.messages ? { cappedFrom: options.messages } : {}),
      batchSize: BATCH_SIZE,
      concurrency: options.concurrency,
      acceptedPerSecond: perSecond(total, acceptedMs),
      elapsedMs: Math.round(fullLoadMs),
      cpuMsPerMessage: cpuPerMessage(cpuMs, total),
      targetMessagesPerSecond: 3000,
      targetP99HalfLoadMs: 200,
    };
  },
};
