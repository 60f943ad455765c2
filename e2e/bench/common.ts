/**
 * What every bench scenario shares: options, percentiles, logging, the account/signature/template a send needs,
 * batched sending, and waiting for the platform to drain.
 */
import { renderMessage } from '@sms/sms';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from '../support/http';
import { eventually } from '../support/processes';
import type { Endpoints } from '../support/scenario';

export interface BenchOptions {
  /** Messages per scenario (per phase where a scenario has two). */
  messages: number;
  /** Send requests in flight against our REST API (batches of 1,000). */
  concurrency: number;
  /** embedded only: run the one-process host over the Kafka mock instead of the in-process bus. */
  kafka: boolean;
  /** kannel only: sendsms requests in flight, and recipients per request. */
  kannelConcurrency: number;
  kannelRecipients: number;
  /** kannel only: `key=value;…` replacing settings of the generated config (see kannel.ts). */
  kannelSet?: string;
}

/** A finished scenario's figures; `scenario` is added by the runner. */
export type Figures = Record<string, string | number | boolean | undefined>;

export interface Scenario {
  name: string;
  run(options: BenchOptions, cleanup: Cleanup): Promise<Figures>;
}

/** Progress and diagnostics: stderr only, stdout carries one JSON line per scenario. */
export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** CPU ms per message with three decimals; undefined when the CPU time could not be read. */
export const cpuPerMessage = (cpuMs: number | undefined, count: number) => (cpuMs === undefined ? undefined : Math.round((cpuMs / count) * 1000) / 1000);

/** `--name value`, else BENCH_NAME, else the fallback; a positive integer. */
export function integerArgument(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  const raw = index >= 0 ? argv[index + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
  return value;
}

export function stringArgument(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** Teardown steps, run last-registered first, on success, failure or a signal. */
export class Cleanup {
  private readonly steps: Array<{ what: string; step: () => unknown }> = [];

  add(what: string, step: () => unknown): void {
    this.steps.push({ what, step });
  }

  async run(): Promise<void> {
    for (let next = this.steps.pop(); next; next = this.steps.pop()) {
      const { what, step } = next;
      try {
        await step();
      } catch (error) {
        log(`cleanup of ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** Distinct valid China Mobile numbers: 138 followed by 8 digits counted from `from`. */
export function chinaMobileNumbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `138${String(from + i).padStart(8, '0')}`);
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The content every scenario sends: one UCS-2 segment once the signature is added. */
export const SIGNATURE = '基准测试';
export const TEMPLATE = '您的验证码为${code}，5分钟内有效。';
export const PARAMS = { code: '123456' };

/** The text as it reaches the SMSC, so a peer (Kannel) can send exactly the same bytes. */
export function renderedText(): string {
  const rendered = renderMessage({ signature: SIGNATURE, template: TEMPLATE, params: PARAMS, domestic: true });
  if (!rendered.ok) throw new Error(`bench template does not render: ${rendered.detail}`);
  return rendered.text;
}

export interface Sender {
  accountId: string;
  /** The account's API key: the bench sends and reads as the customer would. */
  token: string;
  /** POST /v1/messages; fails unless every recipient was accepted. Returns the message ids. */
  send(phoneNumbers: string[]): Promise<string[]>;
  /** POST /v1/messages as it is answered, whatever it is. */
  attempt(phoneNumbers: string[]): Promise<{ status: number; body: any }>;
}

/**
 * Account with money, an approved signature and template, and a first message accepted — which proves dispatch has
 * learnt all of that from events (it answers 4xx until then). That first message is not part of any measurement.
 */
export async function prepareSender(urls: Endpoints, adminToken: string = E2E_ADMIN_TOKEN): Promise<Sender> {
  const admin = auth(adminToken);
  const { accountId, apiKey } = await expectStatus(201, 'POST', `${urls.accounts}/v1/accounts`, { name: 'Bench Ltd', contactEmail: 'bench@example.com' }, admin);
  const customer = auth(apiKey.token);
  await expectStatus(201, 'POST', `${urls.accounts}/v1/accounts/${accountId}/deposits`, { amount: '1000000.00', reference: 'bench' }, admin);
  // Another process learns of the new key from an event: retry until content-review knows it.
  const { signatureId } = await eventually(
    () => expectStatus(201, 'POST', `${urls.review}/v1/signatures`, { name: SIGNATURE, purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] }, customer).catch(() => undefined),
    'content-review to know the key',
    60_000,
  );
  const { templateId } = await expectStatus(201, 'POST', `${urls.review}/v1/templates`, { name: 'otp', kind: 'verification', content: TEMPLATE }, customer);
  await expectStatus(200, 'POST', `${urls.review}/v1/signatures/${signatureId}/decision`, { approve: true }, admin);
  await expectStatus(200, 'POST', `${urls.review}/v1/templates/${templateId}/decision`, { approve: true }, admin);

  const send = async (phoneNumbers: string[]) => {
    const accepted = await expectStatus(202, 'POST', `${urls.dispatch}/v1/messages`, { signatureId, templateId, params: PARAMS, phoneNumbers }, customer);
    if (accepted.messages.length !== phoneNumbers.length) throw new Error(`only ${accepted.messages.length} of ${phoneNumbers.length} accepted: ${JSON.stringify(accepted.rejected)}`);
    return accepted.messages.map((m: { messageId: string }) => m.messageId) as string[];
  };
  await eventually(async () => (await send(['13900000000'])) && true, 'dispatch to know the account and approvals', 60_000);
  const attempt = (phoneNumbers: string[]) => call('POST', `${urls.dispatch}/v1/messages`, { signatureId, templateId, params: PARAMS, phoneNumbers }, customer);
  return { accountId, token: apiKey.token, send, attempt };
}

/** Sends every batch with `concurrency` requests in flight; resolves when all were accepted. */
export async function sendAll(sender: Sender, batches: string[][], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, batches.length) }, async () => {
      while (next < batches.length) await sender.send(batches[next++]);
    }),
  );
}

/** Waits until no message of the account is on its way; cheap probes (limit=1), so polling does not slow the platform. */
export async function waitUntilDrained(dispatchUrl: string, sender: Pick<Sender, 'token'>, what: string, timeoutMs = 600_000): Promise<void> {
  const inFlight = async () => {
    for (const status of ['ACCEPTED', 'QUEUED', 'SUBMITTED']) {
      const page = await expectStatus(200, 'GET', `${dispatchUrl}/v1/messages?status=${status}&limit=1`, undefined, auth(sender.token));
      if (page.items.length > 0) return true;
    }
    return false;
  };
  await eventually(async () => ((await inFlight()) ? undefined : true), what, timeoutMs, 50);
}

export interface MessageView {
  messageId: string;
  status: string;
  acceptedAt: string;
  submittedAt?: string;
}

export async function listMessages(dispatchUrl: string, sender: Pick<Sender, 'token'>, status: string): Promise<MessageView[]> {
  const all: MessageView[] = [];
  let cursor: string | undefined;
  do {
    const query = `status=${status}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await expectStatus(200, 'GET', `${dispatchUrl}/v1/messages?${query}`, undefined, auth(sender.token));
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** submittedAt − acceptedAt of each message, ascending, with p50/p99. */
export function acceptToSubmit(messages: MessageView[]): { p50: number | undefined; p99: number | undefined; count: number } {
  const latencies = messages
    .flatMap((m) => (m.submittedAt ? [Date.parse(m.submittedAt) - Date.parse(m.acceptedAt)] : []))
    .sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

/** Every message of the account DELIVERED (the warm-up message included), or an error naming the count. */
export async function expectAllDelivered(dispatchUrl: string, sender: Pick<Sender, 'token'>, expected: number): Promise<MessageView[]> {
  const delivered = await listMessages(dispatchUrl, sender, 'DELIVERED');
  if (delivered.length !== expected) throw new Error(`${delivered.length} of ${expected} messages delivered`);
  return delivered;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Shows, after a run, that the dispatch rules were on while it was measured (issue 7): the harassment guard refuses a
 * second verification code to a number the run just sent one, the statistics counted every delivered message, and
 * the route went through the channel registry.
 */
export async function rulesInForce(url: string, sender: Sender, numberSent: string, delivered: number): Promise<Figures> {
  const customer = auth(sender.token);
  const again = await sender.attempt([numberSent]);
  const statistics = await expectStatus(200, 'GET', `${url}/v1/statistics?groupBy=kind`, undefined, customer);
  const counted = (statistics.items as Array<{ delivered: number }>).reduce((sum, row) => sum + row.delivered, 0);
  const channels = await expectStatus(200, 'GET', `${url}/v1/channels`, undefined, auth(E2E_ADMIN_TOKEN));
  return {
    rules: 'frequency limits, account send rate, opt-outs, send window, channel routing, statistics, receipt expiry, stop transmission',
    frequencyLimitProbe: again.status === 422 && again.body.code === 'FREQUENCY_LIMITED' ? 'FREQUENCY_LIMITED' : `${again.status} ${again.body.code ?? ''}`,
    statisticsDelivered: counted,
    statisticsMatch: counted === delivered,
    channels: (channels.items as Array<{ channelId?: string; id?: string }>).length,
  };
}
