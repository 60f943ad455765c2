/**
 * `npm run bench` runs every implemented scenario and prints one JSON line per scenario on stdout,
 * `{"scenario": NAME, …figures}`; progress goes to stderr. `npm run bench -- --scenario NAME` runs one.
 *
 * Options: --messages N (default 50,000: at 20,000 a run lasts about 1.5 s, a third of it filling and draining the
 * pipeline, so the figure says more about the run's length than the platform's pace), --concurrency N (send requests in flight against our API, default 4),
 * --kafka (embedded: the one-process host over the Kafka mock), --kannel-recipients N / --kannel-concurrency N
 * (how the kannel scenario drives sendsms), --kannel-set 'key=value;…' (try another Kannel tuning), --ledger-segments N /
 * --ledger-capture-batch N / --ledger-events N / --ledger-loads N (the ledger scenario: see scenarios/ledger.ts). Each also reads
 * BENCH_<NAME> (e.g. BENCH_MESSAGES, BENCH_KANNEL_SET).
 *
 * When `embedded` and `kannel` run in one invocation, the embedded line also carries kannelMessagesPerSecond and
 * ratioToKannel: the peer measured in the same run, on the same machine, at the same time of day.
 */
import { BenchOptions, Cleanup, Figures, integerArgument, log, Scenario, stringArgument } from './common';
import { embedded } from './scenarios/embedded';
import { kafkaProcesses } from './scenarios/kafka-processes';
import { DEFAULT_CONCURRENCY, DEFAULT_RECIPIENTS, kannel } from './scenarios/kannel';
import { ledger } from './scenarios/ledger';
import { screening } from './scenarios/screening';
import { cmppChannel, smppChannel } from './scenarios/channel';

/** In the order "all" runs them. */
const SCENARIOS: Scenario[] = [embedded, kannel, kafkaProcesses, ledger, screening, smppChannel, cmppChannel];
/** Named in CONTRACTS.md, each left to its own issue. */
const NOT_YET: string[] = [];

function parseOptions(argv: string[]): { options: BenchOptions; scenarios: Scenario[] } {
  const options: BenchOptions = {
    messages: integerArgument(argv, 'messages', 50_000),
    concurrency: integerArgument(argv, 'concurrency', 4),
    kafka: argv.includes('--kafka'),
    kannelRecipients: integerArgument(argv, 'kannel-recipients', DEFAULT_RECIPIENTS),
    kannelConcurrency: integerArgument(argv, 'kannel-concurrency', DEFAULT_CONCURRENCY),
    kannelSet: stringArgument(argv, 'kannel-set') ?? process.env.BENCH_KANNEL_SET,
  };
  const name = stringArgument(argv, 'scenario') ?? process.env.BENCH_SCENARIO ?? 'all';
  if (name === 'all') return { options, scenarios: SCENARIOS };
  if (NOT_YET.includes(name)) throw new Error(`scenario "${name}" is not implemented yet (implemented: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown scenario "${name}"; one of: all, ${[...SCENARIOS.map((s) => s.name), ...NOT_YET].join(', ')}`);
  return { options, scenarios: [scenario] };
}

const print = (name: string, figures: Figures) => process.stdout.write(`${JSON.stringify({ scenario: name, ...figures })}\n`);

async function main(): Promise<void> {
  const { options, scenarios } = parseOptions(process.argv.slice(2));
  const cleanup = new Cleanup();
  // On a signal: stop everything started so far, then exit 130; the scenario loop stops starting new ones.
  let interrupted: Promise<void> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping what the bench started`);
      interrupted ??= cleanup.run().finally(() => process.exit(130));
    });
  }

  // The embedded line waits for the peer's figure when both run, and is printed just before the kannel line.
  const withKannel = scenarios.includes(embedded) && scenarios.includes(kannel);
  let embeddedFigures: Figures | undefined;
  const printEmbedded = (kannelFigures?: Figures) => {
    if (!embeddedFigures) return;
    const peer = kannelFigures ? Number(kannelFigures.messagesPerSecond) : undefined;
    const ratio = peer ? { kannelMessagesPerSecond: peer, ratioToKannel: Math.round((Number(embeddedFigures.messagesPerSecond) / peer) * 100) / 100 } : {};
    print(embedded.name, { ...embeddedFigures, ...ratio });
    embeddedFigures = undefined;
  };

  let failures = 0;
  for (const scenario of scenarios) {
    if (interrupted) break;
    log(`scenario ${scenario.name}`);
    try {
      const figures = await scenario.run(options, cleanup);
      if (scenario === embedded && withKannel) {
        embeddedFigures = figures;
        continue;
      }
      if (scenario === kannel) printEmbedded(figures);
      print(scenario.name, figures);
    } catch (error) {
      failures++;
      log(`scenario ${scenario.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (scenario === kannel) printEmbedded(); // its own figures still stand, without a ratio
    } finally {
      await cleanup.run();
    }
  }
  if (interrupted) await interrupted;
  if (failures > 0) throw new Error(`${failures} of ${scenarios.length} scenarios failed`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
