/**
 * Runs the Kafka mock standalone: `npm run kafka:mock -- [--brokers 1|3] [--partitions N] [topic[:N] ...]`.
 * Topics default to `ALL_TOPICS` from @sms/contracts; extra topics may be given as arguments.
 * Prints the bootstrap address as the only line on stdout and runs until SIGINT/SIGTERM.
 */
import * as contracts from '@sms/contracts';
import { startKafkaMock } from './kafka-mock';

interface CliArgs {
  brokers: 1 | 3;
  partitions: number;
  topics: string[];
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { brokers: 1, partitions: 4, topics: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--brokers') {
      const value = Number(argv[++i]);
      if (value !== 1 && value !== 3) throw new Error('--brokers must be 1 or 3');
      args.brokers = value;
    } else if (arg === '--partitions') {
      args.partitions = Number(argv[++i]);
      if (!Number.isInteger(args.partitions) || args.partitions < 1) throw new Error('--partitions must be a positive integer');
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      args.topics.push(arg);
    }
  }
  return args;
}

function contractTopics(): string[] {
  const all = (contracts as Record<string, unknown>)['ALL_TOPICS'];
  return Array.isArray(all) ? all.filter((t): t is string => typeof t === 'string') : [];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const topics = [...contractTopics(), ...args.topics];
  if (topics.length === 0) throw new Error('no topics: @sms/contracts has no ALL_TOPICS and none were given');
  const mock = await startKafkaMock({ brokers: args.brokers, partitions: args.partitions, topics });
  process.stdout.write(`${mock.bootstrap}\n`);
  process.stderr.write(`kafka-mock: ${args.brokers} broker(s), ${topics.length} topic(s); Ctrl-C to stop\n`);
  const shutdown = () => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
