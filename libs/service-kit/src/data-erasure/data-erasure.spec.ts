import { Test } from '@nestjs/testing';
import { DATA_ERASED_V1, type DataErasedV1, INTERNAL_TOPICS } from '@sms/contracts';
import { DATA_KEY_RING, ephemeralDataProtection, UNATTRIBUTED } from '@sms/data-protection';
import { InProcessBus, MESSAGE_BUS } from '@sms/messaging';
import { type DataErasure, ERASURE_REGISTRY, type ErasureRegistry, parseDataErased } from './data-erasure';
import { DataErasureModule } from './data-erasure.module';

const erasure = (overrides: Partial<DataErasedV1> = {}): DataErasedV1 => ({
  accountId: 'acc-1',
  scope: 'account',
  reason: 'customer request REQ-7',
  erasedBy: 'ak_operator',
  erasedAt: '2026-11-26T08:00:00.000Z',
  ...overrides,
});

describe('parseDataErased', () => {
  it('takes an account erasure and a retention erasure with its boundary', () => {
    expect(parseDataErased(erasure())).toEqual(erasure());
    const retention = erasure({ scope: 'retention', before: '2026-10-01T00:00:00.000Z', erasedBy: 'retention' });
    expect(parseDataErased(retention)).toEqual(retention);
    expect(parseDataErased(erasure({ accountId: UNATTRIBUTED, scope: 'retention', before: '2026-10-01T00:00:00.000Z' }))).toMatchObject({ accountId: UNATTRIBUTED });
  });

  it.each([
    ['not an object', 'x'],
    ['accountId', erasure({ accountId: '' })],
    ['scope', { ...erasure(), scope: 'everything' }],
    ['before', erasure({ scope: 'retention' })],
    ['before', erasure({ scope: 'retention', before: 'last week' })],
    ['before', erasure({ before: '2026-10-01T00:00:00.000Z' })],
    ['reserved', erasure({ accountId: '~blind-index', scope: 'retention', before: '2026-10-01T00:00:00.000Z' })],
    ['reserved', erasure({ accountId: UNATTRIBUTED })],
    ['reason', erasure({ reason: '' })],
    ['erasedBy', { ...erasure(), erasedBy: 7 }],
  ])('refuses a payload whose %s is wrong', (problem, data) => {
    expect(() => parseDataErased(data)).toThrow(problem);
  });
});

describe('DataErasureModule', () => {
  async function processWith(participants: Array<{ name: string; seen: DataErasure[] }>) {
    const bus = new InProcessBus();
    const { ring } = ephemeralDataProtection({ epochMs: 1000, now: () => Date.parse('2026-11-26T08:00:00.000Z') });
    // What InfrastructureModule provides every process.
    const infrastructure = {
      module: class Infrastructure {},
      global: true,
      providers: [
        { provide: MESSAGE_BUS, useValue: bus },
        { provide: DATA_KEY_RING, useValue: ring },
      ],
      exports: [MESSAGE_BUS, DATA_KEY_RING],
    };
    const moduleRef = await Test.createTestingModule({ imports: [infrastructure, DataErasureModule.forRoot('proc')] }).compile();
    const registry = moduleRef.get<ErasureRegistry>(ERASURE_REGISTRY);
    for (const participant of participants) registry.register({ name: participant.name, erase: async (e) => void participant.seen.push(e) });
    await moduleRef.init();
    const publish = (data: DataErasedV1, id = 'e-1') => bus.publish(INTERNAL_TOPICS.dataErasure, [{ id, type: DATA_ERASED_V1, source: '/sms/account-billing', time: data.erasedAt, key: data.accountId, data }]);
    return { ring, publish, close: () => moduleRef.close() };
  }

  it('destroys the keys in its ring, then has every participant purge; a redelivery does it again, harmlessly', async () => {
    const [a, b] = [{ name: 'a', seen: [] as DataErasure[] }, { name: 'b', seen: [] as DataErasure[] }];
    const process = await processWith([a, b]);
    const sealed = [process.ring.seal('acc-1', 'number'), process.ring.seal('acc-1', 'mail', { lifetime: true }), process.ring.seal('acc-2', 'theirs')];
    await process.publish(erasure());
    await process.publish(erasure());
    expect(sealed.map((value, i) => process.ring.open(i < 2 ? 'acc-1' : 'acc-2', value))).toEqual([undefined, undefined, 'theirs']);
    expect(a.seen).toEqual([{ accountId: 'acc-1' }, { accountId: 'acc-1' }]);
    expect(b.seen).toEqual(a.seen);
    await process.close();
  });

  it('for a retention, destroys the epochs ended by the boundary and hands the boundary on; the lifetime key stays', async () => {
    const participant = { name: 'p', seen: [] as DataErasure[] };
    const process = await processWith([participant]);
    const [old, profile] = [process.ring.seal('acc-1', 'old'), process.ring.seal('acc-1', 'mail', { lifetime: true })];
    await process.publish(erasure({ scope: 'retention', before: '2026-11-26T08:00:01.000Z', erasedBy: 'retention' }));
    expect([process.ring.open('acc-1', old), process.ring.open('acc-1', profile)]).toEqual([undefined, 'mail']);
    expect(participant.seen).toEqual([{ accountId: 'acc-1', before: '2026-11-26T08:00:01.000Z' }]);
    await process.close();
  });
});
