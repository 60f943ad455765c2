import { MESSAGES_WITHDRAWN_V1, type MessagesWithdrawnV1 } from '@sms/contracts';
import { InMemoryEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { type Clock, deterministicId } from '@sms/service-kit';
import { accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { availableMinor } from '../domain/account.state';
import { ReleaseWithdrawnHandler } from './handler';

const clock: Clock = { now: () => new Date('2026-11-26T08:00:00.000Z') };
const at = clock.now();

const withdrawn = (messageIds: string[], code = 'CANCELLED', id = 'evt-withdrawn-1', accountId = 'a1'): IntegrationEvent<MessagesWithdrawnV1> => ({
  id,
  type: MESSAGES_WITHDRAWN_V1,
  source: '/sms/dispatch',
  time: at.toISOString(),
  key: accountId,
  data: { batchId: 'b1', accountId, code, messageIds, withdrawnAt: at.toISOString() },
});

/** An account with 10.0000 deposited and m1 (2 segments) and m2 (1 segment) reserved at 0.0450 a segment. */
async function setup() {
  const store = new InMemoryEventStore();
  const commands = accountCommands(store);
  const given: AccountCommand[] = [
    { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at },
    { type: 'DepositFunds', amountMinor: 100_000n, reference: 'r1', at },
    { type: 'ReserveFunds', batchId: 'b1', currency: 'CNY', items: [{ messageId: 'm1', segments: 2, unitPriceMinor: 450n }, { messageId: 'm2', segments: 1, unitPriceMinor: 450n }], at },
  ];
  for (const [i, command] of given.entries()) await commands.handle(accountStream('a1'), (state) => decide(command, state), { eventId: (n) => deterministicId('given', String(i), String(n)) });
  return { store, commands, handler: new ReleaseWithdrawnHandler(commands, clock) };
}

describe('ReleaseWithdrawnHandler', () => {
  it('releases the reservations of withdrawn messages as WITHDRAWN, with their code, and leaves the others reserved', async () => {
    const { store, commands, handler } = await setup();
    await handler.handle(withdrawn(['m1'], 'ACCOUNT_SUSPENDED'));
    const events = await store.readStream(accountStream('a1'));
    expect(events.at(-1)).toMatchObject({ type: expect.stringContaining('FundsReleased'), id: deterministicId('evt-withdrawn-1', 'release-withdrawn', '0') });
    expect(JSON.stringify(events.at(-1)?.data)).toMatch(/"reason":"WITHDRAWN","errorCode":"ACCOUNT_SUSPENDED"/);
    const { state } = await commands.load(accountStream('a1'));
    expect([...state.reservations.keys()]).toEqual(['m2']);
    expect(availableMinor(state)).toBe(100_000n - 450n);
  });

  it('a redelivery, an unknown message or one already settled changes nothing; an unknown account is ignored', async () => {
    const { store, handler } = await setup();
    await handler.handle(withdrawn(['m1']));
    const length = (await store.readStream(accountStream('a1'))).length;
    await handler.handle(withdrawn(['m1']));
    await handler.handle(withdrawn(['m1', 'nope'], 'CANCELLED', 'evt-withdrawn-2'));
    expect(await store.readStream(accountStream('a1'))).toHaveLength(length);
    await expect(handler.handle(withdrawn(['m9'], 'CANCELLED', 'evt-3', 'unknown'))).resolves.toBeUndefined();
  });
});
