import { Logger } from '@nestjs/common';
import { MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import { InMemoryEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { type Clock, deterministicId } from '@sms/service-kit';
import { accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { SettleFundsHandler } from './handler';

const clock: Clock = { now: () => new Date('2025-03-01T08:00:00.000Z') };
const at = clock.now();

function submitted(accountId: string, results: MessagesSubmittedV1['results'], id = 'evt-submitted-1'): IntegrationEvent<MessagesSubmittedV1> {
  return {
    id,
    type: MESSAGES_SUBMITTED_V1,
    source: '/sms/carrier-adapter',
    time: at.toISOString(),
    key: accountId,
    data: { accountId, channelId: 'smpp-default', results },
    extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  };
}
const result = (messageId: string, status: 'SUBMITTED' | 'FAILED', segmentsSubmitted: number, errorCode?: string): MessagesSubmittedV1['results'][number] => ({
  messageId,
  batchId: 'b1',
  status,
  segmentsSubmitted,
  segmentsFailed: status === 'FAILED' ? 1 : 0,
  operatorMessageIds: [],
  submittedAt: at.toISOString(),
  ...(errorCode ? { errorCode } : {}),
});

/** Given an account with 10.0000 deposited and m1 (2 segments) and m2 (1 segment) reserved at 0.0450. */
async function setup() {
  const store = new InMemoryEventStore();
  const commands = accountCommands(store);
  const given: AccountCommand[] = [
    { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at },
    { type: 'DepositFunds', amountMinor: 100_000n, reference: 'r1', at },
    {
      type: 'ReserveFunds',
      batchId: 'b1',
      currency: 'CNY',
      items: [
        { messageId: 'm1', segments: 2, unitPriceMinor: 450n },
        { messageId: 'm2', segments: 1, unitPriceMinor: 450n },
      ],
      at,
    },
  ];
  for (const [i, command] of given.entries()) await commands.handle(accountStream('a1'), (state) => decide(command, state), { eventId: () => deterministicId('given', String(i)) });
  return { store, commands, handler: new SettleFundsHandler(commands, clock) };
}

describe('SettleFundsHandler', () => {
  it('captures and releases in one append, with ids derived from the consumed event and its trace context', async () => {
    const { store, commands, handler } = await setup();

    await expect(handler.handle(submitted('a1', [result('m1', 'SUBMITTED', 2), result('m2', 'FAILED', 0, '0x00000045')]))).resolves.toBe('settled');

    const events = await store.readStream(accountStream('a1'), { fromRevision: 3n });
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['account-billing.FundsCaptured.v1', deterministicId('evt-submitted-1', 'settle-funds', '0')],
      ['account-billing.FundsReleased.v1', deterministicId('evt-submitted-1', 'settle-funds', '1')],
    ]);
    expect(events[0].metadata).toEqual({ causationId: 'evt-submitted-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(events[1].data).toMatchObject({ batchKey: 'evt-submitted-1', items: [{ messageId: 'm2', amountMinor: '450', reason: 'SUBMIT_FAILED', errorCode: '0x00000045' }] });
    const { state } = await commands.load(accountStream('a1'));
    expect([state.balanceMinor, state.reservedMinor]).toEqual([99_100n, 0n]);
  });

  it('appends nothing when the same results are delivered again, even under another event id', async () => {
    const { store, handler } = await setup();
    const event = submitted('a1', [result('m1', 'SUBMITTED', 2)]);
    await expect(handler.handle(event)).resolves.toBe('settled');
    await expect(handler.handle(event)).resolves.toBe('nothing-to-do');
    await expect(handler.handle({ ...event, id: 'evt-submitted-2' })).resolves.toBe('nothing-to-do');
    expect(await store.readStream(accountStream('a1'))).toHaveLength(4);
  });

  it('ignores results for an account it does not know, and an event without results', async () => {
    const { handler } = await setup();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await expect(handler.handle(submitted('ghost', [result('m1', 'SUBMITTED', 1)]))).resolves.toBe('unknown-account');
    expect(warn).toHaveBeenCalledWith('Submission results for unknown account ghost ignored (1 result(s))');
    warn.mockRestore();
    await expect(handler.handle(submitted('a1', []))).resolves.toBe('nothing-to-do');
  });
});
