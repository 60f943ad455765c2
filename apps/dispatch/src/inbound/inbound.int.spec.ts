import {
  ACCOUNT_STATUS_CHANGED_V1,
  AccountStatusChangedV1,
  INBOUND_MESSAGE_V1,
  INBOUND_RECEIVED_V1,
  InboundReceivedV1,
  INTERNAL_TOPICS,
  MESSAGES_SCREENED_V1,
  MessagesScreenedV1,
  PUBLIC_TOPICS,
  SIGNATURE_STATUS_CHANGED_V1,
  SignatureStatusChangedV1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
  TemplateStatusChangedV1,
} from '@sms/contracts';
import { EVENT_STORE, EventStore } from '@sms/event-store';
import { IntegrationEvent, MessageBus } from '@sms/messaging';
import { announceCustomerKey, callJson as call, eventually, type ServiceUnderTest, startServiceUnderTest, testEvent as event } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchModule } from '../dispatch.module';
import type { InboundRepository } from './application/inbound-repository';
import { INBOUND_REPOSITORY } from './application/tokens';
import { INBOUND_EVENT_TYPES, inboundStream } from './domain/events';
import { InboundPipeline } from './infrastructure/inbound-pipeline';

interface Running extends ServiceUnderTest {
  store: EventStore;
  inbound: InboundRepository;
  pipeline: InboundPipeline;
}

async function boot(dataDir: string): Promise<Running> {
  // Subscribed before the pipeline starts (at listen), as a customer's platform would be.
  const service = await startServiceUnderTest({ module: DispatchModule, dataDir, collect: [PUBLIC_TOPICS.inbound, INTERNAL_TOPICS.messagesAccepted] });
  return {
    ...service,
    store: service.get<EventStore>(EVENT_STORE),
    inbound: service.get<InboundRepository>(INBOUND_REPOSITORY),
    pipeline: service.get(InboundPipeline),
  };
}

/** An active account with an approved signature and template, projected into dispatch the way the other services publish them. */
async function seedSender(bus: MessageBus): Promise<{ accountId: string; signatureId: string; templateId: string; token: string }> {
  const accountId = randomUUID();
  const signatureId = randomUUID();
  const templateId = randomUUID();
  const changedAt = new Date().toISOString();
  await bus.publish(INTERNAL_TOPICS.accounts, [
    event<AccountStatusChangedV1>(ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, accountId, { accountId, status: 'ACTIVE', currency: 'CNY', changedAt }),
  ]);
  await bus.publish(INTERNAL_TOPICS.review, [
    event<SignatureStatusChangedV1>(SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, accountId, { signatureId, accountId, name: '阿里云', status: 'APPROVED', changedAt }),
    event<TemplateStatusChangedV1>(TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, accountId, {
      templateId,
      accountId,
      name: 'notice',
      kind: 'notification',
      content: '您的订单${code}已发货。',
      status: 'APPROVED',
      changedAt,
    }),
  ]);
  return { accountId, signatureId, templateId, token: await announceCustomerKey(bus, accountId) };
}

const mo = (data: Omit<InboundReceivedV1, 'channelId' | 'to'>, id: string = randomUUID()): IntegrationEvent<InboundReceivedV1> =>
  event<InboundReceivedV1>(INBOUND_RECEIVED_V1, SOURCES.carrierAdapter, '10690000', { ...data, channelId: 'smpp-default', to: '10690000' }, id);

const streamLength = async (store: EventStore, stream: string): Promise<number> => (await store.readStream(stream)).length;

describe('dispatch inbound (SQLite + in-process bus)', () => {
  let dataDir: string;
  let running: Running | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dispatch-inbound-int-'));
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('routes replies to the last sender, honours opt-outs, publishes matched replies once and keeps them across a restart', async () => {
    running = await boot(dataDir);
    const { url, bus } = running;
    const phoneNumber = '+8613800138000';
    const a = await seedSender(bus);
    const b = await seedSender(bus);

    // Account A writes to the number; account B writes to it later, but screening blocks B's message.
    const sentByA = await call('POST', `${url}/v1/messages`, { signatureId: a.signatureId, templateId: a.templateId, params: { code: '1001' }, phoneNumbers: ['13800138000'] }, a.token);
    expect(sentByA.status).toBe(202);
    expect(sentByA.body.messages).toHaveLength(1);
    const sentByB = await call('POST', `${url}/v1/messages`, { accountId: b.accountId, signatureId: b.signatureId, templateId: b.templateId, params: { code: '2002' }, phoneNumbers: [phoneNumber] }, b.token);
    expect(sentByB.status).toBe(202);
    const blockedId: string = sentByB.body.messages[0].messageId;
    // The send answers once its batch is durable; screening works on what the outbox hands it after.
    await eventually(() => running?.publishedOn(INTERNAL_TOPICS.messagesAccepted).find((e) => (e.data as { batchId: string }).batchId === sentByB.body.batchId), "B's accepted batch", 5_000, 10);
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [
      event<MessagesScreenedV1>(MESSAGES_SCREENED_V1, SOURCES.contentReview, b.accountId, {
        batchId: sentByB.body.batchId,
        accountId: b.accountId,
        kind: 'notification',
        screenedAt: new Date().toISOString(),
        cleared: [],
        blocked: [{ messageId: blockedId, category: 'FRAUD' }],
        held: [],
      }),
    ]);
    expect((await call('GET', `${url}/v1/messages/${blockedId}`)).body.status).toBe('BLOCKED');

    // The recipient replies 退订: it is A's (B's blocked message never reached the handset) and an opt-out.
    const start = Date.now();
    const optOut = mo({ inboundId: randomUUID(), from: phoneNumber, content: '退订', receivedAt: new Date(start).toISOString() });
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [optOut]);
    await running.pipeline.caughtUp();

    const expectedOptOut = {
      inboundId: optOut.data.inboundId,
      accountId: a.accountId,
      signatureId: a.signatureId,
      phoneNumber,
      content: '退订',
      receivedAt: optOut.data.receivedAt,
      optOut: true,
    };
    const listA = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}`);
    expect(listA.status).toBe(200);
    expect(listA.body).toEqual({ items: [expectedOptOut] });
    expect((await call('GET', `${url}/v1/inbound-messages?accountId=${b.accountId}`)).body).toEqual({ items: [] });

    expect(running.publishedOn(PUBLIC_TOPICS.inbound)).toHaveLength(1);
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)[0]).toMatchObject({ type: INBOUND_MESSAGE_V1, source: SOURCES.dispatch, key: a.accountId, data: expectedOptOut });
    expect(await running.inbound.isOptedOut(a.accountId, phoneNumber)).toBe(true);
    expect(await running.inbound.isOptedOut(b.accountId, phoneNumber)).toBe(false);
    expect(await streamLength(running.store, inboundStream(a.accountId))).toBe(1);

    // Redelivery of the same event, and the same MO under a new event id, change nothing.
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [optOut]);
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [mo(optOut.data)]);
    await running.pipeline.caughtUp();
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)).toHaveLength(1);
    expect(await streamLength(running.store, inboundStream(a.accountId))).toBe(1);
    expect((await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}`)).body).toEqual({ items: [expectedOptOut] });

    // A number nobody wrote to: recorded, on the unmatched stream, never published.
    const stranger = mo({ inboundId: randomUUID(), from: '+8613900139000', content: 'STOP', receivedAt: new Date(start + 500).toISOString() });
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [stranger]);
    await running.pipeline.caughtUp();
    const strangers = await running.inbound.find(stranger.data.inboundId);
    expect(strangers).toMatchObject({ phoneNumber: '+8613900139000', optOut: true });
    expect(strangers).not.toHaveProperty('accountId');
    expect(strangers).not.toHaveProperty('signatureId');
    const unmatched = await running.store.readStream(inboundStream(undefined));
    expect(unmatched.map((e) => [e.type, (e.data as { inboundId: string }).inboundId])).toContainEqual([INBOUND_EVENT_TYPES.inboundRouted, stranger.data.inboundId]);
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)).toHaveLength(1);

    // An ordinary reply is published too, not as an opt-out.
    const thanks = mo({ inboundId: randomUUID(), from: phoneNumber, content: 'Thanks, got it', receivedAt: new Date(start + 1000).toISOString() });
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [thanks]);
    await running.pipeline.caughtUp();
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)).toHaveLength(2);
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)[1]).toMatchObject({ key: a.accountId, data: { inboundId: thanks.data.inboundId, content: 'Thanks, got it', optOut: false } });

    // Pages, oldest first, and time bounds.
    const page1 = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}&limit=1`);
    expect(page1.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([optOut.data.inboundId]);
    expect(typeof page1.body.nextCursor).toBe('string');
    const page2 = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([thanks.data.inboundId]);
    const page3 = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}&limit=1&cursor=${page2.body.nextCursor}`);
    expect(page3.body).toEqual({ items: [] });
    const since = encodeURIComponent(thanks.data.receivedAt);
    const bounded = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}&from=${since}`);
    expect(bounded.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([thanks.data.inboundId]);
    const before = await call('GET', `${url}/v1/inbound-messages?accountId=${a.accountId}&to=${since}`);
    expect(before.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([optOut.data.inboundId]);

    // Bad input is problem+json.
    for (const query of ['', `accountId=${a.accountId}&cursor=not-a-cursor`, `accountId=${a.accountId}&limit=0`, `accountId=${a.accountId}&from=yesterday`]) {
      const bad = await call('GET', `${url}/v1/inbound-messages?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.contentType).toContain('application/problem+json');
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }

    // Restart on the same files: the read model and opt-outs are still there and nothing is published again.
    await running.close();
    running = await boot(dataDir);
    await running.pipeline.caughtUp();
    expect(running.publishedOn(PUBLIC_TOPICS.inbound)).toEqual([]);
    const afterRestart = await call('GET', `${running.url}/v1/inbound-messages?accountId=${a.accountId}`);
    expect(afterRestart.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([optOut.data.inboundId, thanks.data.inboundId]);
    expect(await running.inbound.isOptedOut(a.accountId, phoneNumber)).toBe(true);
  });

  it("routes a reply to the extension code it was addressed to, though another account wrote to the number since; without one, to the last sender", async () => {
    running ??= await boot(dataDir);
    const { url, bus } = running;
    const phoneNumber = '+8613700137000';
    const a = await seedSender(bus);
    const b = await seedSender(bus);
    const send = async (sender: typeof a) => {
      const sent = await call('POST', `${url}/v1/messages`, { signatureId: sender.signatureId, templateId: sender.templateId, params: { code: '3003' }, phoneNumbers: ['137 0013 7000'] }, sender.token);
      expect(sent.status).toBe(202);
      return (await call('GET', `${url}/v1/messages/${sent.body.messages[0].messageId}`, undefined, sender.token)).body;
    };
    const byA = await send(a);
    const byB = await send(b);
    // Each signature has its own code, shown with its messages.
    expect(byA.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    expect(byB.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    expect(byA.sourceExtension).not.toBe(byB.sourceExtension);

    const start = Date.now();
    const toA = event<InboundReceivedV1>(INBOUND_RECEIVED_V1, SOURCES.carrierAdapter, '10690000', {
      inboundId: randomUUID(),
      channelId: 'smpp-default',
      from: phoneNumber,
      to: `10690000${byA.sourceExtension}`,
      content: 'ｓｔｏｐ',
      receivedAt: new Date(start).toISOString(),
    });
    const toBase = mo({ inboundId: randomUUID(), from: phoneNumber, content: '好的', receivedAt: new Date(start + 1).toISOString() });
    await bus.publish(INTERNAL_TOPICS.inboundReceived, [toA, toBase]);
    await running.pipeline.caughtUp();

    expect(await running.inbound.find(toA.data.inboundId)).toMatchObject({ accountId: a.accountId, signatureId: a.signatureId, optOut: true, content: 'ｓｔｏｐ' });
    expect(await running.inbound.find(toBase.data.inboundId)).toMatchObject({ accountId: b.accountId, signatureId: b.signatureId, optOut: false });
    expect(await running.inbound.isOptedOut(a.accountId, phoneNumber)).toBe(true);
    expect(await running.inbound.isOptedOut(b.accountId, phoneNumber)).toBe(false);
    const listed = await call('GET', `${url}/v1/inbound-messages`, undefined, a.token);
    expect(listed.body.items.map((i: { inboundId: string }) => i.inboundId)).toEqual([toA.data.inboundId]);
    expect(running.publishedOn(PUBLIC_TOPICS.inbound).map((e) => [e.key, (e.data as { inboundId: string }).inboundId])).toEqual(
      expect.arrayContaining([
        [a.accountId, toA.data.inboundId],
        [b.accountId, toBase.data.inboundId],
      ]),
    );
  });
});
