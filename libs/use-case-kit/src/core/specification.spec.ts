import { accept, type Decider, reject, type Workflow } from './decider';
import { DeciderSpecification, WorkflowSpecification } from './specification';

type Cmd = { type: 'Add'; amount: number } | { type: 'Close' };
type Ev = { type: 'Added'; amount: number } | { type: 'Closed' };
type St = { total: number; closed: boolean };

const counter: Decider<Cmd, Ev, St, 'CLOSED' | 'NEGATIVE'> = {
  initialState: () => ({ total: 0, closed: false }),
  evolve: (s, e) => (e.type === 'Added' ? { ...s, total: s.total + e.amount } : { ...s, closed: true }),
  decide: (c, s) => {
    if (s.closed) return reject('CLOSED', 'counter is closed');
    if (c.type === 'Close') return accept({ type: 'Closed' });
    if (c.amount < 0) return reject('NEGATIVE', `amount ${c.amount} is negative`);
    return c.amount === 0 ? accept() : accept({ type: 'Added', amount: c.amount });
  },
};

describe('DeciderSpecification', () => {
  const spec = DeciderSpecification.for(counter);

  it('passes when the decided events match, and returns the state after them', () => {
    expect(spec.given([{ type: 'Added', amount: 2 }]).when({ type: 'Add', amount: 3 }).then([{ type: 'Added', amount: 3 }])).toEqual({ total: 5, closed: false });
  });

  it('fails when the events differ', () => {
    expect(() => spec.given([]).when({ type: 'Add', amount: 3 }).then([{ type: 'Added', amount: 4 }])).toThrow();
  });

  it('fails when events were expected but the command was rejected', () => {
    expect(() => spec.given([{ type: 'Closed' }]).when({ type: 'Add', amount: 1 }).then([])).toThrow(/rejection CLOSED/);
  });

  it('checks rejections by code and detail', () => {
    spec.given([{ type: 'Closed' }]).when({ type: 'Add', amount: 1 }).thenRejects('CLOSED');
    spec.given([]).when({ type: 'Add', amount: -1 }).thenRejects('NEGATIVE', /-1/);
    expect(() => spec.given([]).when({ type: 'Add', amount: -1 }).thenRejects('CLOSED')).toThrow();
    expect(() => spec.given([]).when({ type: 'Add', amount: -1 }).thenRejects('NEGATIVE', /positive/)).toThrow(/does not match/);
    expect(() => spec.given([]).when({ type: 'Add', amount: 1 }).thenRejects('NEGATIVE')).toThrow(/expected rejection/);
  });

  it('can start from a state instead of events', () => {
    spec.givenState({ total: 9, closed: true }).when({ type: 'Add', amount: 1 }).thenRejects('CLOSED');
  });

  it('thenNothing accepts an idempotent no-op only', () => {
    spec.given([]).when({ type: 'Add', amount: 0 }).thenNothing();
    expect(() => spec.given([]).when({ type: 'Add', amount: 1 }).thenNothing()).toThrow();
  });
});

type In = { type: 'Paid'; orderId: string } | { type: 'Shipped'; orderId: string };
type Out = { type: 'Ship'; orderId: string };
const shipping: Workflow<In, Out, Set<string>> = {
  initialState: () => new Set(),
  evolve: (s, e) => (e.type === 'Shipped' ? new Set([...s, e.orderId]) : s),
  decide: (input, shipped) => (input.type === 'Paid' && !shipped.has(input.orderId) ? [{ type: 'Ship', orderId: input.orderId }] : []),
};

describe('WorkflowSpecification', () => {
  const spec = WorkflowSpecification.for(shipping);

  it('passes when the outputs match', () => {
    spec.given([]).when({ type: 'Paid', orderId: 'o1' }).then([{ type: 'Ship', orderId: 'o1' }]);
    spec.given([{ type: 'Shipped', orderId: 'o1' }]).when({ type: 'Paid', orderId: 'o1' }).thenNothing();
  });

  it('fails when they do not', () => {
    expect(() => spec.given([]).when({ type: 'Paid', orderId: 'o1' }).thenNothing()).toThrow();
    expect(() => spec.given([{ type: 'Shipped', orderId: 'o1' }]).when({ type: 'Paid', orderId: 'o1' }).then([{ type: 'Ship', orderId: 'o1' }])).toThrow();
  });
});
