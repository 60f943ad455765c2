import { INTERNAL_TOPICS, SOURCES, VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1, type ViolationRecordedV1, type ViolationResolvedV1 } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { callJson, eventuallyPasses as eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountBillingModule } from '../account-billing.module';

const now = () => new Date().toISOString();
const recorded = (accountId: string, violationId = randomUUID()) =>
  testEvent<ViolationRecordedV1>(VIOLATION_RECORDED_V1, SOURCES.contentReview, accountId, {
    violationId,
    accountId,
    category: 'fraud',
    origin: 'REVIEWER',
    rectifyBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    recordedBy: 'key-reviewer',
    recordedAt: now(),
  });
const resolved = (accountId: string, violationId: string, outcome: 'reinstate' | 'terminate') =>
  testEvent<ViolationResolvedV1>(VIOLATION_RESOLVED_V1, SOURCES.contentReview, accountId, { violationId, accountId, outcome, reason: 'rectified', resolvedBy: 'key-operator', resolvedAt: now() });

describe('account-billing reacts to violations (ADR 0034; SQLite event store + in-process bus)', () => {
  let dataDir: string;
  let running: ServiceUnderTest;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'supervision-reaction-int-'));
    running = await startServiceUnderTest({ module: AccountBillingModule, dataDir });
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, body?: unknown) => callJson(method, running.url + path, body);
  const open = async (name: string): Promise<string> => (await call('POST', '/v1/accounts', { name, contactEmail: 'billing@acme.example' })).body.accountId;
  const status = async (accountId: string): Promise<string> => (await call('GET', `/v1/accounts/${accountId}`)).body.status;
  const typesOf = async (accountId: string, type: string) => (await running.get<EventStore>(EVENT_STORE).readStream(`account-${accountId}`)).filter((e) => e.type === type);

  it('suspends for breach once per violation (redelivered), and lifts the suspension on reinstatement', async () => {
    const accountId = await open('Acme Ltd');
    expect(await status(accountId)).toBe('ACTIVE');

    const violation = recorded(accountId);
    await running.bus.publish(INTERNAL_TOPICS.violations, [violation]);
    expect(await status(accountId)).toBe('SUSPENDED');
    const [suspended] = await typesOf(accountId, 'account-billing.AccountSuspended.v1');
    expect(suspended.data).toMatchObject({ kind: 'BREACH', reason: expect.stringContaining(`violation ${violation.data.violationId} (fraud)`), suspendedBy: `violation:${violation.data.violationId}` });

    const reinstate = resolved(accountId, violation.data.violationId, 'reinstate');
    await running.bus.publish(INTERNAL_TOPICS.violations, [reinstate]);
    await eventually(async () => expect(await status(accountId)).toBe('ACTIVE'));

    // Both redelivered after the lift (the in-process bus resolves a publish once every group handled it): the same
    // ids are already in the stream, so nothing is suspended or lifted again.
    await running.bus.publish(INTERNAL_TOPICS.violations, [violation]);
    await running.bus.publish(INTERNAL_TOPICS.violations, [reinstate]);
    expect(await status(accountId)).toBe('ACTIVE');
    expect(await typesOf(accountId, 'account-billing.AccountSuspended.v1')).toHaveLength(1);
    expect(await typesOf(accountId, 'account-billing.SuspensionLifted.v1')).toHaveLength(1);
  });

  it('ignores a violation of an account it does not know (nothing to suspend) without dead-lettering it', async () => {
    await expect(running.bus.publish(INTERNAL_TOPICS.violations, [recorded(randomUUID())])).resolves.toBeUndefined();
  });

  it('terminates by notice when the violation is resolved by termination (§7.3.5)', async () => {
    const accountId = await open('Spam Co');
    const violation = recorded(accountId);
    await running.bus.publish(INTERNAL_TOPICS.violations, [violation]);
    await eventually(async () => expect(await status(accountId)).toBe('SUSPENDED'));
    await running.bus.publish(INTERNAL_TOPICS.violations, [resolved(accountId, violation.data.violationId, 'terminate')]);
    await eventually(async () => expect(await status(accountId)).toBe('TERMINATED'));
    const [requested] = await typesOf(accountId, 'account-billing.TerminationRequested.v1');
    expect(requested.data).toMatchObject({ basis: 'notice', requestedBy: 'key-operator' });
  });
});
