import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { SendBudget } from './balance-estimate';
import type { BatchAccepted, BatchEvent } from './events';
import { decideSendMessages, type SendContext, type SendMessagesCommand, sendMessagesDecider } from './send-messages';
import { parseSendWindow, type SendWindow } from './send-window';

/* DOMAIN §4 Arrears (§7.2, §7.3.3): a send the available balance cannot cover — its recipients refused
 * INSUFFICIENT_BALANCE in the answer itself when dispatch's view already shows it; the rest of the batch goes on. */

const FIVE = ['13800138001', '13800138002', '+86 138 0013 8003', '13800138004', '13800138005'];
const command = (overrides: Partial<SendMessagesCommand> = {}): SendMessagesCommand => ({
  batchId: 'b-1',
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers: FIVE,
  ...overrides,
});
/** One segment to China costs 450; anywhere else has no price in this view. */
const budget = (availableMinor: number): SendBudget => ({ availableMinor, unitPriceMinor: (country) => (country === 'CN' ? 450 : null) });
const context = (overrides: Partial<SendContext> = {}): SendContext => {
  let n = 0;
  return {
    account: { status: 'ACTIVE' },
    signature: { accountId: 'acc-1', name: '阿里云', status: 'APPROVED' },
    template: { accountId: 'acc-1', kind: 'verification', content: '您的验证码为${code}，5分钟内有效。', status: 'APPROVED' },
    now: new Date('2026-11-23T10:00:00Z'),
    newMessageId: () => `m-${++n}`,
    ...overrides,
  };
};
const INSUFFICIENT = { code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' };

function acceptedBatch(decision: ReturnType<typeof decideSendMessages>): BatchAccepted {
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.detail}`);
  const [event] = decision.events;
  if (event?.type !== 'BatchAccepted') throw new Error(`expected BatchAccepted, got ${JSON.stringify(decision.events)}`);
  return event.data;
}

describe('DOMAIN §4 Arrears (§7.2, §7.3.3): decideSendMessages with dispatch’s view of the balance', () => {
  it('given 3 segments available, when 5 one-segment recipients are sent to, then the first 3 are accepted and the last 2 refused INSUFFICIENT_BALANCE as written', () => {
    const batch = acceptedBatch(decideSendMessages(command(), context({ budget: budget(1_350) })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138001', '+8613800138002', '+8613800138003']);
    expect(batch.messages.map((m) => m.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(batch.rejected).toEqual([
      { phoneNumber: '13800138004', ...INSUFFICIENT },
      { phoneNumber: '13800138005', ...INSUFFICIENT },
    ]);
  });

  it('given enough for all, then nobody is refused: the view says it fits', () => {
    DeciderSpecification.for(sendMessagesDecider(context({ budget: budget(5 * 450) })))
      .given([])
      .when(command({ phoneNumbers: ['13800138001'] }))
      .then([{ type: 'BatchAccepted', data: acceptedBatch(decideSendMessages(command({ phoneNumbers: ['13800138001'] }), context())) }]);
  });

  it('given a recipient already refused for another reason, then it is refused once, for that reason, and costs nothing', () => {
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['nope', '13800138001', '13800138001', '13800138002'] }), context({ budget: budget(450) })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138001']);
    expect(batch.rejected.map((r) => [r.phoneNumber, r.code])).toEqual([
      ['nope', 'INVALID_PHONE_NUMBER'],
      ['13800138001', 'DUPLICATE_PHONE_NUMBER'],
      ['13800138002', 'INSUFFICIENT_BALANCE'],
    ]);
  });

  it('given nothing available, when every recipient is refused for it, then the request is refused INSUFFICIENT_BALANCE as a whole', () => {
    DeciderSpecification.for(sendMessagesDecider(context({ budget: budget(0) })))
      .given([])
      .when(command())
      .thenRejects('INSUFFICIENT_BALANCE', /^No valid recipient: The available balance does not cover this message/);
  });

  it('given no budget (no balance reported, no price in force), then nobody is refused for money: the reservation decides', () => {
    expect(acceptedBatch(decideSendMessages(command(), context())).messages).toHaveLength(5);
  });

  it('given a recipient without a price in the view, then it is not refused for money (billing prices it), and the priced ones are walked', () => {
    const template = { accountId: 'acc-1', kind: 'international' as const, content: 'Your code is ${code}', status: 'APPROVED' as const };
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['+447400123456', '13800138001', '13800138002'] }), context({ template, budget: budget(450) })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+447400123456', '+8613800138001']);
    expect(batch.rejected).toEqual([{ phoneNumber: '13800138002', ...INSUFFICIENT }]);
  });

  it('given the only international recipient refused, then the batch stores no international text', () => {
    const template = { accountId: 'acc-1', kind: 'international' as const, content: 'Your code is ${code}', status: 'APPROVED' as const };
    const abroadCostly: SendBudget = { availableMinor: 450, unitPriceMinor: (country) => (country === 'CN' ? 450 : 5_000) };
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['+447400123456', '13800138001'] }), context({ template, budget: abroadCostly })));
    expect(batch.messages.map((m) => m.text)).toEqual(['domestic']);
    expect(Object.keys(batch.texts)).toEqual(['domestic']);
  });

  it('given a batch scheduled for later (or marketing waiting for its window), then it is not estimated now: it is reserved when released', () => {
    expect(acceptedBatch(decideSendMessages(command({ scheduledAt: '2026-11-24T10:00:00Z' }), context({ budget: budget(0) }))).messages).toHaveLength(5);
    const marketing = { accountId: 'acc-1', kind: 'marketing' as const, content: '会员日全场五折，拒收请回复R', status: 'APPROVED' as const };
    const window = parseSendWindow('08:00-21:00') as SendWindow;
    const late = context({ template: marketing, marketingWindow: window, now: new Date('2026-11-23T14:30:00Z'), budget: budget(0) });
    const batch = acceptedBatch(decideSendMessages(command({ params: {}, consent: { basis: 'opt-in', reference: 'r' } }), late));
    expect(batch).toMatchObject({ scheduledAt: '2026-11-24T00:00:00.000Z' });
    expect(batch.messages).toHaveLength(5);
  });

  it('given the batch was accepted, when its retry finds the balance spent (by the batch itself), then nothing new: the answer is the stream', () => {
    const first: BatchEvent = { type: 'BatchAccepted', data: acceptedBatch(decideSendMessages(command({ requestHash: 'h' }), context({ budget: budget(5 * 450) }))) };
    DeciderSpecification.for(sendMessagesDecider(context({ budget: budget(0) }))).given([first]).when(command({ requestHash: 'h' })).thenNothing();
  });
});
