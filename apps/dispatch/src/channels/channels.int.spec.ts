import {
  ACCOUNT_STATUS_CHANGED_V1,
  CHANNEL_CONTROL_V1,
  CHANNEL_HEALTH_V1,
  type ChannelControlV1,
  type ChannelHealthV1,
  FUNDS_RESERVED_V1,
  INTERNAL_TOPICS,
  MAINTENANCE_V1,
  type MaintenanceV1,
  MESSAGES_RETURNED_V1,
  type MessagesAcceptedV1,
  type MessagesReturnedV1,
  type MessagesRoutedV1,
  SIGNATURE_STATUS_CHANGED_V1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
} from '@sms/contracts';
import { announceCustomerKey, callJson, eventually, ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchModule } from '../dispatch.module';

const channelB = { protocol: 'smpp', operators: ['CMCC', 'CUCC', 'CTCC'], kinds: ['verification', 'notification'], priority: 50, tps: 300, enabled: true };
const health = (channelId: string, state: ChannelHealthV1['state']): ChannelHealthV1 => ({
  channelId,
  state,
  since: new Date().toISOString(),
  sessions: 1,
  sessionsBound: state === 'DOWN' ? 0 : 1,
  windowSize: 100,
  windowInUse: 2,
  queued: 5,
  submitsPerSecond: 40,
  p50SubmitLatencyMs: 6,
  errorRate: 0,
  throttleRate: 0,
  paused: false,
  reportedAt: new Date().toISOString(),
});

/**
 * Routing, failover and maintenance in dispatch (ADR 0018), through its real inputs (REST, the in-process bus) on
 * SQLite: the channels API, the control events it publishes for the carrier adapter, routing by the carrier's health
 * reports, the re-routing of what the carrier hands back, maintenance refusing sends — and all of it across a restart.
 */
describe('dispatch channels and maintenance (SQLite + in-process bus)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  const accountId = randomUUID();
  const signatureId = randomUUID();
  const templateId = randomUUID();
  let token: string;

  const boot = () => startServiceUnderTest({ module: DispatchModule, dataDir, collect: [INTERNAL_TOPICS.channelControl, INTERNAL_TOPICS.messagesRouted, INTERNAL_TOPICS.messagesAccepted] });
  const publish = (topic: string, type: string, data: unknown, key: string = accountId, id: string = randomUUID()) => service.bus.publish(topic, [testEvent(type, SOURCES.carrierAdapter, key, data, id)]);
  const controls = () => service.publishedOn<ChannelControlV1>(INTERNAL_TOPICS.channelControl).filter((e) => e.type === CHANNEL_CONTROL_V1).map((e) => e.data);
  const routedOf = (batchId: string) => service.publishedOn<MessagesRoutedV1>(INTERNAL_TOPICS.messagesRouted).filter((e) => e.data.batchId === batchId);

  /** Sends one message to a China Mobile number and reserves its funds, as content-review and account-billing would. */
  let sends = 0;
  async function sendAndReserve(): Promise<{ batchId: string; messageId: string }> {
    // A number of its own each time: recipients' frequency limits stay out of the way.
    const phoneNumber = `1380013${String(++sends).padStart(4, '0')}`;
    const sent = await callJson('POST', `${service.url}/v1/messages`, { signatureId, templateId, params: { order: 'SO-1' }, phoneNumbers: [phoneNumber] }, token);
    expect([sent.status, sent.body.rejected]).toEqual([202, []]);
    const batchId: string = sent.body.batchId;
    const messageId: string = sent.body.messages[0].messageId;
    await eventually(() => service.publishedOn<MessagesAcceptedV1>(INTERNAL_TOPICS.messagesAccepted).find((e) => e.data.batchId === batchId), 'the accepted batch', 5_000, 10);
    await publish(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, {
      batchId,
      accountId,
      reservedAt: new Date().toISOString(),
      reserved: [{ messageId, segments: 1, unitPriceMinor: 450, amountMinor: 450 }],
      rejected: [],
    });
    return { batchId, messageId };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dispatch-channels-int-'));
    service = await boot();
    const changedAt = new Date().toISOString();
    await publish(INTERNAL_TOPICS.accounts, ACCOUNT_STATUS_CHANGED_V1, { accountId, status: 'ACTIVE', currency: 'CNY', changedAt });
    await publish(INTERNAL_TOPICS.review, SIGNATURE_STATUS_CHANGED_V1, { signatureId, accountId, name: '阿里云', status: 'APPROVED', changedAt });
    await publish(INTERNAL_TOPICS.review, TEMPLATE_STATUS_CHANGED_V1, { templateId, accountId, name: 'notice', kind: 'notification', content: '您的订单${order}已发货。', status: 'APPROVED', changedAt });
    token = await announceCustomerKey(service.bus, accountId);
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the default channel on the first start and tells the carrier adapter of it', async () => {
    const list = await callJson('GET', `${service.url}/v1/channels`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ channelId: 'smpp-default', operators: ['CMCC', 'CUCC', 'CTCC', 'CBN', 'INTERNATIONAL', 'UNKNOWN'], countries: ['*'], priority: 0, enabled: true, paused: false, state: 'UNKNOWN' }),
    ]);
    await eventually(() => controls().find((c) => c.channelId === 'smpp-default'), 'the control event of smpp-default', 5_000, 10);
    expect(controls().find((c) => c.channelId === 'smpp-default')).toMatchObject({ enabled: true, paused: false, tps: 0, version: 0 });
  });

  it('creates and replaces a channel with PUT, refuses bad attributes (400) and unknown channels (404)', async () => {
    const created = await callJson('PUT', `${service.url}/v1/channels/smpp-b`, channelB);
    expect(created).toMatchObject({ status: 200, body: { channelId: 'smpp-b', countries: ['*'], priority: 50, tps: 300, state: 'UNKNOWN' } });
    const bad = await callJson('PUT', `${service.url}/v1/channels/smpp-b`, { ...channelB, countries: ['Narnia'] });
    expect([bad.status, bad.body.code, bad.contentType]).toEqual([400, 'VALIDATION_FAILED', expect.stringContaining('problem+json')]);
    expect((await callJson('PUT', `${service.url}/v1/channels/smpp-b`, { ...channelB, tps: 'fast' })).body.code).toBe('VALIDATION_FAILED');
    expect((await callJson('POST', `${service.url}/v1/channels/nope/pause`, {})).body).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND' });
    expect((await callJson('POST', `${service.url}/v1/channels/nope/resume`)).body).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND' });
    // A customer key may not manage channels.
    expect((await callJson('GET', `${service.url}/v1/channels`, undefined, token)).status).toBe(403);
    await eventually(() => controls().find((c) => c.channelId === 'smpp-b' && c.tps === 300), 'the control event of smpp-b', 5_000, 10);
  });

  it('routes by the carrier’s health reports: away from a channel reported DOWN, to the preferred one while it is UP', async () => {
    await publish(INTERNAL_TOPICS.channelHealth, CHANNEL_HEALTH_V1, { ...health('smpp-b', 'UP'), unmatchedReceipts: 3 }, 'smpp-b');
    await publish(INTERNAL_TOPICS.channelHealth, CHANNEL_HEALTH_V1, health('smpp-default', 'UP'), 'smpp-default');
    const first = await sendAndReserve();
    const [toB] = await eventually(() => (routedOf(first.batchId).length > 0 ? routedOf(first.batchId) : undefined), 'the first routed batch', 5_000, 10);
    expect(toB.data.channelId).toBe('smpp-b');
    const listed = (await callJson('GET', `${service.url}/v1/channels`)).body.items as Array<{ channelId: string }>;
    const shown = listed.find((c) => c.channelId === 'smpp-b');
    expect(shown).toMatchObject({ state: 'UP', health: { sessionsBound: 1, windowInUse: 2, queued: 5, submitsPerSecond: 40, p50SubmitLatencyMs: 6, unmatchedReceipts: 3 } });
    // A report without the count (an adapter before ADR 0039) shows none.
    expect(listed.find((c) => c.channelId === 'smpp-default')).not.toHaveProperty('health.unmatchedReceipts');

    await publish(INTERNAL_TOPICS.channelHealth, CHANNEL_HEALTH_V1, health('smpp-b', 'DOWN'), 'smpp-b');
    const second = await sendAndReserve();
    const [toDefault] = await eventually(() => (routedOf(second.batchId).length > 0 ? routedOf(second.batchId) : undefined), 'the second routed batch', 5_000, 10);
    expect(toDefault.data.channelId).toBe('smpp-default');
    expect((await callJson('GET', `${service.url}/v1/messages/${second.messageId}`)).body).toMatchObject({ status: 'QUEUED', channel: 'smpp-default' });
    await publish(INTERNAL_TOPICS.channelHealth, CHANNEL_HEALTH_V1, health('smpp-b', 'UP'), 'smpp-b');
  });

  it('routes again what the carrier hands back — to another channel, once, whatever the redeliveries', async () => {
    const { batchId, messageId } = await sendAndReserve();
    await eventually(() => (routedOf(batchId).length > 0 ? true : undefined), 'the routed batch', 5_000, 10);
    expect(routedOf(batchId)[0].data.channelId).toBe('smpp-b');
    const handBack: MessagesReturnedV1 = { accountId, channelId: 'smpp-b', reason: 'CHANNEL_DOWN', returnedAt: new Date().toISOString(), messages: [{ messageId, batchId }] };
    const id = randomUUID();
    await publish(INTERNAL_TOPICS.submissions, MESSAGES_RETURNED_V1, handBack, accountId, id);
    await publish(INTERNAL_TOPICS.submissions, MESSAGES_RETURNED_V1, handBack, accountId, id);
    await eventually(() => (routedOf(batchId).length === 2 ? true : undefined), 'the batch routed again', 5_000, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(routedOf(batchId).map((e) => [e.data.channelId, e.data.messages.map((m) => m.messageId)])).toEqual([
      ['smpp-b', [messageId]],
      ['smpp-default', [messageId]],
    ]);
    // The carrier gets the message's text again, from the batch.
    expect(routedOf(batchId)[1].data.messages[0].text).toBe('【阿里云】您的订单SO-1已发货。');
    expect((await callJson('GET', `${service.url}/v1/messages/${messageId}`)).body).toMatchObject({ status: 'QUEUED', channel: 'smpp-default' });
  });

  it('pauses and resumes a channel: routed around while paused, the carrier adapter told each time', async () => {
    const paused = await callJson('POST', `${service.url}/v1/channels/smpp-b/pause`, { reason: 'trunk maintenance at the operator' });
    expect(paused.body).toMatchObject({ channelId: 'smpp-b', paused: true, pausedReason: 'trunk maintenance at the operator', state: 'PAUSED' });
    expect((await callJson('GET', `${service.url}/v1/channels`)).body.items.find((c: { channelId: string }) => c.channelId === 'smpp-b')).toMatchObject({ state: 'PAUSED' });
    await eventually(() => controls().find((c) => c.channelId === 'smpp-b' && c.paused), 'the pause told to the carrier', 5_000, 10);
    const { batchId } = await sendAndReserve();
    await eventually(() => (routedOf(batchId).length > 0 ? true : undefined), 'the routed batch', 5_000, 10);
    expect(routedOf(batchId)[0].data.channelId).toBe('smpp-default');

    const resumed = await callJson('POST', `${service.url}/v1/channels/smpp-b/resume`);
    expect(resumed.body).toMatchObject({ paused: false, state: 'UP' });
    await eventually(() => controls().filter((c) => c.channelId === 'smpp-b').at(-1)?.paused === false ? true : undefined, 'the resume told to the carrier', 5_000, 10);
    const versions = controls().filter((c) => c.channelId === 'smpp-b').map((c) => c.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('in maintenance answers sends 503 MAINTENANCE with Retry-After, and tells the carrier adapter; ended, it accepts again', async () => {
    const until = new Date(Date.now() + 90_000).toISOString();
    const on = await callJson('PUT', `${service.url}/v1/maintenance`, { active: true, until, reason: 'database upgrade' });
    expect(on.body).toMatchObject({ active: true, until, reason: 'database upgrade' });
    const response = await fetch(`${service.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ signatureId, templateId, params: { order: 'SO-2' }, phoneNumbers: ['13900139000'] }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(80);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(90);
    expect(await response.json()).toMatchObject({ status: 503, code: 'MAINTENANCE' });
    // Without a key it is still 401, not 503: the guard answers first.
    expect((await callJson('POST', `${service.url}/v1/messages`, {}, null)).status).toBe(401);
    expect((await callJson('GET', `${service.url}/v1/maintenance`, undefined, token)).body).toMatchObject({ active: true, until });
    const told = await eventually(
      () => service.publishedOn<MaintenanceV1>(INTERNAL_TOPICS.channelControl).find((e) => e.type === MAINTENANCE_V1 && e.data.active),
      'maintenance told to the carrier',
      5_000,
      10,
    );
    expect(told).toMatchObject({ key: 'maintenance', data: { until, reason: 'database upgrade' } });
    expect((await callJson('PUT', `${service.url}/v1/maintenance`, { active: true, until: '2020-01-01T00:00:00Z' })).body.code).toBe('VALIDATION_FAILED');

    expect((await callJson('PUT', `${service.url}/v1/maintenance`, { active: false })).body).toMatchObject({ active: false });
    expect((await sendAndReserve()).messageId).toEqual(expect.any(String));
  });

  it('keeps channels, pauses and the maintenance window across a restart', async () => {
    await callJson('POST', `${service.url}/v1/channels/smpp-b/pause`, {});
    await service.close();
    service = await boot();
    const items = (await callJson('GET', `${service.url}/v1/channels`)).body.items;
    expect(items.map((c: { channelId: string; paused: boolean; tps: number }) => [c.channelId, c.paused, c.tps])).toEqual([
      ['smpp-b', true, 300],
      ['smpp-default', false, 0],
    ]);
    expect((await callJson('GET', `${service.url}/v1/maintenance`)).body).toMatchObject({ active: false });
    // Nothing is seeded twice: the default channel is as it was.
    expect(items.find((c: { channelId: string }) => c.channelId === 'smpp-default').updatedAt).toEqual(expect.any(String));
  });
});
