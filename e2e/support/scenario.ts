import { formatMoney, parseMoney } from '@sms/contracts';
import { auth, call, expectStatus } from './http';
import { eventually } from './processes';

/** Base URLs per service; in the embedded profile all three are the same process. */
export interface Endpoints {
  accounts: string;
  review: string;
  dispatch: string;
}

export interface SkeletonRun {
  accountId: string;
  batchId: string;
  messageIds: string[];
  phoneNumbers: string[];
  expectedBalance: string;
  segmentsPerMessage: number;
  /** The send request and its Idempotency-Key, to replay (with the customer's key). */
  request: Record<string, unknown>;
  idempotencyKey: string;
  /** The account's first API key (role customer), from its creation. */
  customerToken: string;
}

// One number per domestic operator: China Mobile, China Unicom, China Telecom.
export const RECIPIENTS = ['13800138000', '+8613012345678', '+86 189 1234 5678'];
/** Rendered with 【signature】 this is 80–134 UCS-2 units: two segments. */
export const LONG_TEMPLATE = '尊敬的客户，您的订单${order}已经发货，预计三天内送达，请保持手机畅通以便快递员联系您。如有疑问请联系客服，感谢您的支持与信任！';

/**
 * The walking skeleton, black-box: an operator opens an account (which comes with its first API key) and deposits;
 * the customer submits a signature and a template with its own key and a reviewer approves them; the customer sends
 * to three numbers → every message DELIVERED → balance reduced by exactly price × segments. `onOpened` runs right
 * after the account is opened.
 */
export async function runWalkingSkeleton(urls: Endpoints, adminToken: string, options: { onOpened?: (accountId: string) => Promise<void> } = {}): Promise<SkeletonRun> {
  const admin = auth(adminToken);
  const account = await expectStatus(201, 'POST', `${urls.accounts}/v1/accounts`, { name: 'Acme Ltd', contactEmail: 'ops@acme.example' }, admin);
  const accountId: string = account.accountId;
  // Before anything of the account is sent (e.g. its own retention period, ADR 0017).
  await options.onOpened?.(accountId);
  const customerToken: string = account.apiKey.token;
  const customer = auth(customerToken);
  await expectStatus(201, 'POST', `${urls.accounts}/v1/accounts/${accountId}/deposits`, { amount: '100.00', reference: 'wire-0001' }, admin);

  // Another process learns of a new key from an event; until then it answers 401.
  const signature = await eventually(async () => {
    const response = await call('POST', `${urls.review}/v1/signatures`, { name: '阿里云', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-91330100' }] }, customer);
    if (response.status === 201) return response.body;
    if (response.status !== 401) throw new Error(JSON.stringify(response.body));
    return undefined;
  }, 'content-review to know the customer key');
  const template = await expectStatus(201, 'POST', `${urls.review}/v1/templates`, { name: 'shipping notice', kind: 'notification', content: LONG_TEMPLATE }, customer);
  await expectStatus(200, 'POST', `${urls.review}/v1/signatures/${signature.signatureId}/decision`, { approve: true }, admin);
  await expectStatus(200, 'POST', `${urls.review}/v1/templates/${template.templateId}/decision`, { approve: true }, admin);

  const request = { accountId, signatureId: signature.signatureId, templateId: template.templateId, params: { order: 'SO20261123' }, phoneNumbers: RECIPIENTS, outId: 'order-42' };
  // Dispatch learns of the key, the account and the approvals from events; until then it answers 4xx and sends nothing.
  const idempotencyKey = `skeleton-${accountId}`;
  const sent = await eventually(async () => {
    const response = await call('POST', `${urls.dispatch}/v1/messages`, request, { 'Idempotency-Key': idempotencyKey, ...customer });
    if (response.status === 202) return response.body;
    if (response.status >= 500) throw new Error(JSON.stringify(response.body));
    return undefined;
  }, 'dispatch to accept the batch');

  const messageIds: string[] = sent.messages.map((m: { messageId: string }) => m.messageId);
  const segments: number[] = sent.messages.map((m: { segments: number }) => m.segments);
  if (messageIds.length !== 3 || sent.rejected.length !== 0 || segments.some((s) => s !== 2)) {
    throw new Error(`unexpected acceptance: ${JSON.stringify(sent)}`);
  }

  for (const messageId of messageIds) {
    await eventually(async () => {
      const message = await expectStatus(200, 'GET', `${urls.dispatch}/v1/messages/${messageId}`, undefined, customer);
      if (['BLOCKED', 'REJECTED', 'FAILED', 'UNDELIVERED'].includes(message.status)) throw new Error(`message ended ${JSON.stringify(message)}`);
      return message.status === 'DELIVERED' ? message : undefined;
    }, `message ${messageId} to be DELIVERED`);
  }

  const unitPrice = await priceOf(urls.accounts, 'notification', 'CN');
  const expectedBalance = formatMoney((parseMoney('100.00') as bigint) - unitPrice * 6n);
  await eventually(async () => {
    const a = await expectStatus(200, 'GET', `${urls.accounts}/v1/accounts/${accountId}`, undefined, customer);
    return a.balance === expectedBalance && a.reserved === '0.0000' ? a : undefined;
  }, `balance ${expectedBalance} with nothing reserved`);

  return {
    accountId,
    batchId: sent.batchId,
    messageIds,
    phoneNumbers: sent.messages.map((m: any) => m.phoneNumber),
    expectedBalance,
    segmentsPerMessage: 2,
    request,
    idempotencyKey,
    customerToken,
  };
}

/**
 * An account opened by the operator, its first (customer) key, and a signature the customer submits and a reviewer
 * approves — retried while content-review does not yet know the new key (it learns it from an event).
 */
export async function openAccountWithSignature(
  url: string,
  admin: Record<string, string>,
  account: { name: string; contactEmail: string },
  document: { kind: string; reference: string },
): Promise<{ accountId: string; customerToken: string; customer: Record<string, string>; signatureId: string }> {
  const opened = await expectStatus(201, 'POST', `${url}/v1/accounts`, account, admin);
  const customer = auth(opened.apiKey.token);
  const signature = await eventually(async () => {
    const response = await call('POST', `${url}/v1/signatures`, { name: '阿里云', purpose: 'trademark', documents: [document] }, customer);
    return response.status === 201 ? response.body : undefined;
  }, 'content-review to know the customer key');
  await expectStatus(200, 'POST', `${url}/v1/signatures/${signature.signatureId}/decision`, { approve: true }, admin);
  return { accountId: opened.accountId, customerToken: opened.apiKey.token, customer, signatureId: signature.signatureId };
}

/** The catalogue's price per segment for a kind and destination, in minor units. */
export async function priceOf(accountsUrl: string, kind: string, country: string): Promise<bigint> {
  const body = await expectStatus<{ prices: Array<{ kind: string; country: string; operator?: string; unitPrice: string }> }>(200, 'GET', `${accountsUrl}/v1/prices`);
  const entry = body.prices.find((p) => p.kind === kind && p.country === country && !p.operator);
  const minor = entry ? parseMoney(entry.unitPrice) : null;
  if (minor === null) throw new Error(`no price for ${kind}/${country} in ${JSON.stringify(body)}`);
  return minor;
}
