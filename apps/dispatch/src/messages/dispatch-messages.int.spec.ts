import {
  ACCOUNT_STATUS_CHANGED_V1,
  AccountStatusChangedV1,
  DATA_ERASED_V1,
  DataErasedV1,
  DELIVERY_REPORT_V1,
  DELIVERY_REPORTED_V1,
  DeliveryReportedV1,
  DeliveryReportV1,
  FUNDS_RESERVED_V1,
  FundsReservedV1,
  INTERNAL_TOPICS,
  MESSAGE_REVIEW_DECIDED_V1,
  MessageReviewDecidedV1,
  MESSAGES_SCREENED_V1,
  MESSAGES_SUBMITTED_V1,
  MessagesAcceptedV1,
  MessagesRoutedV1,
  MessagesScreenedV1,
  MessagesSubmittedV1,
  PUBLIC_TOPICS,
  SIGNATURE_STATUS_CHANGED_V1,
  SignatureStatusChangedV1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
  TemplateStatusChangedV1,
} from '@sms/contracts';
import { EVENT_STORE, EventStore, StreamNotFoundError } from '@sms/event-store';
import { announceCustomerKey, callJson, eventually, ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchModule } from '../dispatch.module';

/**
 * Dispatch between the other services, driven through its real inputs (REST and the in-process bus) on SQLite:
 * each hop's event moves the message forward, events arriving out of order or twice change nothing they should not,
 * and the customer sees exactly one public delivery report per message.
 */
describe('dispatch message lifecycle (SQLite + in-process bus)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  const accountId = randomUUID();
  const signatureId = randomUUID();
  const templateId = randomUUID();

  const publish = (topic: string, type: string, source: string, data: unknown, id = randomUUID()) =>
    service.bus.publish(topic, [testEvent(type, source, accountId, data, id)]);
  const message = async (id: string) => (await callJson('GET', `${service.url}/v1/messages/${id}`)).body;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dispatch-messages-int-'));
    service = await startServiceUnderTest({
      module: DispatchModule,
      dataDir,
      collect: [INTERNAL_TOPICS.messagesAccepted, INTERNAL_TOPICS.messagesRouted, PUBLIC_TOPICS.deliveryReceipts],
    });
    const changedAt = new Date().toISOString();
    await publish(INTERNAL_TOPICS.accounts, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, { accountId, status: 'ACTIVE', currency: 'CNY', changedAt } satisfies AccountStatusChangedV1);
    await publish(INTERNAL_TOPICS.review, SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, { signatureId, accountId, name: '阿里云', status: 'APPROVED', changedAt } satisfies SignatureStatusChangedV1);
    await publish(INTERNAL_TOPICS.review, TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, {
      templateId,
      accountId,
      name: 'otp',
      kind: 'verification',
      content: '您的验证码为${code}。',
      status: 'APPROVED',
      changedAt,
    } satisfies TemplateStatusChangedV1);
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves each message through screening, reservation, routing, submission and receipt — whatever order the news comes in', async () => {
    const token = await announceCustomerKey(service.bus, accountId);
    const sent = await callJson(
      'POST',
      `${service.url}/v1/messages`,
      { accountId, signatureId, templateId, params: { code: '123456' }, phoneNumbers: ['13800138000', '13012345678', '18912345678'], outId: 'order-7' },
      token,
    );
    expect(sent.status).toBe(202);
    const [delivered, blocked, rejected] = sent.body.messages.map((m: { messageId: string }) => m.messageId);
    const batchId: string = sent.body.batchId;

    // The send answered once its batch was durable; the outbox hands it to content-review right after. Content-review
    // saw the rendered texts, signature included (stored once per batch, filled in per message).
    const accepted = await eventually(
      () => service.publishedOn<MessagesAcceptedV1>(INTERNAL_TOPICS.messagesAccepted).find((e) => e.data.batchId === batchId),
      'the accepted batch',
      5_000,
      10,
    );
    expect(accepted.data.messages.map((m) => m.text)).toEqual(Array(3).fill('【阿里云】您的验证码为123456。'));

    await publish(INTERNAL_TOPICS.messagesScreened, MESSAGES_SCREENED_V1, SOURCES.contentReview, {
      batchId,
      accountId,
      kind: 'verification',
      screenedAt: new Date().toISOString(),
      cleared: [delivered, rejected].map((messageId) => ({ messageId, segments: 1, countryCode: 'CN', operator: 'CMCC' })),
      blocked: [{ messageId: blocked, category: 'GAMBLING' }],
      held: [],
    } satisfies MessagesScreenedV1);
    const funds = randomUUID();
    const reserved: FundsReservedV1 = {
      batchId,
      accountId,
      reservedAt: new Date().toISOString(),
      reserved: [{ messageId: delivered, segments: 1, unitPriceMinor: 450, amountMinor: 450 }],
      rejected: [{ messageId: rejected, code: 'INSUFFICIENT_BALANCE', detail: 'available 0.0000 < 0.0450' }],
    };
    await publish(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, SOURCES.accountBilling, reserved, funds);
    // Redelivered: routed once, not twice.
    await publish(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, SOURCES.accountBilling, reserved, funds);

    expect(await message(blocked)).toMatchObject({ status: 'BLOCKED', error: { code: 'CONTENT_BLOCKED' } });
    expect(await message(rejected)).toMatchObject({ status: 'REJECTED', error: { code: 'INSUFFICIENT_BALANCE' } });
    expect(await message(delivered)).toMatchObject({ status: 'QUEUED' });

    await eventually(() => (service.publishedOn(INTERNAL_TOPICS.messagesRouted).length >= 1 ? true : undefined), 'the routed batch', 5_000, 10);
    const routed = service.publishedOn<MessagesRoutedV1>(INTERNAL_TOPICS.messagesRouted).filter((e) => e.data.batchId === batchId);
    expect(routed).toHaveLength(1);
    expect(routed[0].data).toMatchObject({ channelId: 'smpp-default', messages: [{ messageId: delivered, phoneNumber: '+8613800138000', segments: 1 }] });
    // The carrier gets the text from the batch (written once) and the customer's outId to echo in its reports.
    expect(routed[0].data.messages).toEqual([
      { messageId: delivered, phoneNumber: '+8613800138000', text: '【阿里云】您的验证码为123456。', segments: 1, operator: 'CMCC', outId: 'order-7' },
    ]);
    // It goes out from the service number followed by its signature's extension code, which the message shows too.
    expect(routed[0].data.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    expect((await message(delivered)).sourceExtension).toBe(routed[0].data.sourceExtension);

    // The receipt overtakes the submit acknowledgement.
    const doneAt = new Date().toISOString();
    const submittedAt = new Date(Date.parse(doneAt) - 500).toISOString();
    const receipt = randomUUID();
    const report: DeliveryReportedV1 = {
      accountId,
      channelId: 'smpp-default',
      reports: [{ messageId: delivered, batchId, operatorMessageId: 'op-1', status: 'DELIVERED', submittedAt, doneAt }],
    };
    await publish(INTERNAL_TOPICS.deliveryReports, DELIVERY_REPORTED_V1, SOURCES.carrierAdapter, report, receipt);
    expect(await message(delivered)).toMatchObject({ status: 'DELIVERED', deliveredAt: doneAt });
    await publish(INTERNAL_TOPICS.submissions, MESSAGES_SUBMITTED_V1, SOURCES.carrierAdapter, {
      accountId,
      channelId: 'smpp-default',
      results: [{ messageId: delivered, batchId, status: 'SUBMITTED', segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: ['op-1'], submittedAt }],
    } satisfies MessagesSubmittedV1);
    expect(await message(delivered)).toMatchObject({ status: 'DELIVERED', submittedAt, deliveredAt: doneAt });

    // The receipt redelivered: the outcome is the carrier's, so dispatch appends nothing; the public report is
    // published again under the same id (subscribers deduplicate on it): one public event.
    await publish(INTERNAL_TOPICS.deliveryReports, DELIVERY_REPORTED_V1, SOURCES.carrierAdapter, report, receipt);
    await expect(service.get<EventStore>(EVENT_STORE).readStream(`dispatch-receipts-${accountId}`)).rejects.toThrow(StreamNotFoundError);
    await eventually(() => (service.publishedOn(PUBLIC_TOPICS.deliveryReceipts).length >= 1 ? true : undefined), 'the public report', 5_000, 10);
    const reports = service.publishedOn<DeliveryReportV1>(PUBLIC_TOPICS.deliveryReceipts).filter((e) => e.data.batchId === batchId);
    expect(new Set(reports.map((r) => r.id)).size).toBe(1);
    expect(reports.map((r) => r.data)).toEqual([reports[0].data, reports[0].data]);
    expect(reports[0]).toMatchObject({ type: DELIVERY_REPORT_V1, source: SOURCES.dispatch, key: accountId });
    expect(reports[0].data).toEqual({
      messageId: delivered,
      batchId,
      accountId,
      outId: 'order-7',
      phoneNumber: '+8613800138000',
      status: 'DELIVERED',
      operator: 'CMCC',
      operatorMessageId: 'op-1',
      // The report went out before the acknowledgement arrived: the submit time comes from the carrier's report.
      submittedAt,
      doneAt,
      segments: 1,
    });
  });

  it("holds what screening held until a reviewer decides: blocked ends BLOCKED, released is routed on its own reservation, a halt cancels for good (ADR 0036)", async () => {
    // An account of its own: halting it at the end must not touch the other tests' account.
    const account = randomUUID();
    const signature = randomUUID();
    const template = randomUUID();
    const on = (topic: string, type: string, source: string, data: unknown, id = randomUUID()) => service.bus.publish(topic, [testEvent(type, source, account, data, id)]);
    const changedAt = new Date().toISOString();
    await on(INTERNAL_TOPICS.accounts, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, { accountId: account, status: 'ACTIVE', currency: 'CNY', changedAt } satisfies AccountStatusChangedV1);
    await on(INTERNAL_TOPICS.review, SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, { signatureId: signature, accountId: account, name: '阿里云', status: 'APPROVED', changedAt } satisfies SignatureStatusChangedV1);
    await on(INTERNAL_TOPICS.review, TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, {
      templateId: template,
      accountId: account,
      name: 'notice',
      kind: 'notification',
      content: '您的订单${order}已发货。',
      status: 'APPROVED',
      changedAt,
    } satisfies TemplateStatusChangedV1);
    const token = await announceCustomerKey(service.bus, account);
    const sent = await callJson(
      'POST',
      `${service.url}/v1/messages`,
      { accountId: account, signatureId: signature, templateId: template, params: { order: 'A-1' }, phoneNumbers: ['13800138101', '13800138102', '13800138103', '13800138104'] },
      token,
    );
    expect(sent.status).toBe(202);
    const [cleared, blocked, released, waiting] = sent.body.messages.map((m: { messageId: string }) => m.messageId);
    const batchId: string = sent.body.batchId;

    await on(INTERNAL_TOPICS.messagesScreened, MESSAGES_SCREENED_V1, SOURCES.contentReview, {
      batchId,
      accountId: account,
      kind: 'notification',
      screenedAt: new Date().toISOString(),
      cleared: [{ messageId: cleared, segments: 1, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [],
      held: [blocked, released, waiting].map((messageId) => ({ messageId, category: 'fraud' })),
    } satisfies MessagesScreenedV1);
    for (const id of [blocked, released, waiting]) expect(await message(id)).toMatchObject({ status: 'HELD', error: { code: 'HELD_FOR_REVIEW', detail: 'held for human review: fraud' } });
    // The list filters by the new status, for staff and for the customer's own key; a status it does not know is a 400.
    const held = await callJson('GET', `${service.url}/v1/messages?status=HELD`, undefined, token);
    expect([held.status, held.body.items.map((m: { messageId: string }) => m.messageId).sort()]).toEqual([200, [blocked, released, waiting].sort()]);
    const unknownStatus = await callJson('GET', `${service.url}/v1/messages?accountId=${account}&status=WAITING`);
    expect([unknownStatus.status, unknownStatus.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const decided = (messageId: string, isReleased: boolean) =>
      ({
        batchId,
        accountId: account,
        kind: 'notification',
        messageId,
        released: isReleased,
        category: 'fraud',
        decidedAt: new Date().toISOString(),
        segments: 1,
        countryCode: 'CN',
        operator: 'CMCC',
      }) satisfies MessageReviewDecidedV1;
    await on(INTERNAL_TOPICS.messagesScreened, MESSAGE_REVIEW_DECIDED_V1, SOURCES.contentReview, decided(blocked, false));
    const release = randomUUID();
    await on(INTERNAL_TOPICS.messagesScreened, MESSAGE_REVIEW_DECIDED_V1, SOURCES.contentReview, decided(released, true), release);
    await on(INTERNAL_TOPICS.messagesScreened, MESSAGE_REVIEW_DECIDED_V1, SOURCES.contentReview, decided(released, true), release);
    expect(await message(blocked)).toMatchObject({ status: 'BLOCKED', error: { code: 'CONTENT_BLOCKED', detail: 'blocked by a reviewer: fraud' } });
    expect(await message(released)).toMatchObject({ status: 'HELD', error: { code: 'HELD_FOR_REVIEW', detail: 'released by a reviewer' } });

    // account-billing reserves the cleared one for the screening outcome, the released one later on its own.
    const reservation = (messageId: string): FundsReservedV1 => ({
      batchId,
      accountId: account,
      reservedAt: new Date().toISOString(),
      reserved: [{ messageId, segments: 1, unitPriceMinor: 450, amountMinor: 450 }],
      rejected: [],
    });
    await on(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, SOURCES.accountBilling, reservation(cleared));
    expect(await message(cleared)).toMatchObject({ status: 'QUEUED', channel: 'smpp-default' });
    expect(await message(released)).toMatchObject({ status: 'HELD' });
    await on(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, SOURCES.accountBilling, reservation(released));
    expect(await message(released)).toMatchObject({ status: 'QUEUED', channel: 'smpp-default', price: '0.0450' });
    // The hold's note no longer applies once it moved on.
    expect(await message(released)).not.toHaveProperty('error');
    const routed = await eventually(
      () => {
        const ofBatch = service.publishedOn<MessagesRoutedV1>(INTERNAL_TOPICS.messagesRouted).filter((e) => e.data.batchId === batchId);
        return ofBatch.length >= 2 ? ofBatch : undefined;
      },
      'both routings of the batch',
      5_000,
      10,
    );
    expect(routed.map((e) => e.data.messages.map((m) => [m.messageId, m.text]))).toEqual([[[cleared, '【阿里云】您的订单A-1已发货。']], [[released, '【阿里云】您的订单A-1已发货。']]]);

    // The account is suspended: the message still waiting for a reviewer is cancelled, and a release after that (and
    // its reservation) does not bring it back: routing withdraws it, so its funds are released.
    await on(INTERNAL_TOPICS.accounts, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, { accountId: account, status: 'SUSPENDED', currency: 'CNY', changedAt: new Date().toISOString() } satisfies AccountStatusChangedV1);
    await eventually(async () => ((await message(waiting)).status === 'CANCELLED' ? true : undefined), 'the held message cancelled', 5_000, 10);
    expect(await message(waiting)).toMatchObject({ status: 'CANCELLED', error: { code: 'ACCOUNT_SUSPENDED' } });
    await on(INTERNAL_TOPICS.messagesScreened, MESSAGE_REVIEW_DECIDED_V1, SOURCES.contentReview, decided(waiting, true));
    await on(INTERNAL_TOPICS.fundsReserved, FUNDS_RESERVED_V1, SOURCES.accountBilling, reservation(waiting));
    expect(await message(waiting)).toMatchObject({ status: 'CANCELLED', error: { code: 'ACCOUNT_SUSPENDED' } });
    expect(service.publishedOn<MessagesRoutedV1>(INTERNAL_TOPICS.messagesRouted).filter((e) => e.data.batchId === batchId)).toHaveLength(2);
  });

  it("erases on sms.data-erased.v1: the account's messages are gone from reads and its export, its key destroyed (ADR 0017)", async () => {
    const token = await announceCustomerKey(service.bus, accountId);
    const sent = await callJson('POST', `${service.url}/v1/messages`, { accountId, signatureId, templateId, params: { code: '654321' }, phoneNumbers: ['13800138009'] }, token);
    expect(sent.status).toBe(202);
    const messageId: string = sent.body.messages[0].messageId;
    expect(await message(messageId)).toMatchObject({ phoneNumber: '+8613800138009' });

    await publish(INTERNAL_TOPICS.dataErasure, DATA_ERASED_V1, SOURCES.accountBilling, {
      accountId,
      scope: 'account',
      reason: 'customer request',
      erasedBy: 'ak_op',
      erasedAt: new Date().toISOString(),
    } satisfies DataErasedV1);
    const gone = await callJson('GET', `${service.url}/v1/messages/${messageId}`);
    expect([gone.status, gone.body.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);
    expect((await callJson('GET', `${service.url}/v1/messages?accountId=${accountId}`)).body.items).toEqual([]);
    const exported = await fetch(`${service.url}/v1/accounts/${accountId}/export`, { headers: { authorization: `Bearer ${service.adminToken}` } });
    const archive = Buffer.from(await exported.arrayBuffer()).toString('utf8');
    expect(exported.status).toBe(200);
    expect(archive).not.toContain('13800138');
    expect(archive).not.toContain('654321');
  });
});
