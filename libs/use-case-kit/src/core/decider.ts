/**
 * The write-side shape every service shares (emmett's Decider): `decide(command, state) → events | rejection`,
 * `evolve(state, event) → state`, `initialState()`. Framework-free: domain folders import this file only.
 */

/** An expected failure: a stable code (mapped to an HTTP/gRPC status at the edge) and a human-readable detail. */
export interface Rejection<Code extends string = string> {
  code: Code;
  detail: string;
}

export type Decision<Event, Code extends string = string> = { ok: true; events: Event[] } | { ok: false; rejection: Rejection<Code> };

export const accept = <Event>(...events: Event[]): { ok: true; events: Event[] } => ({ ok: true, events });
export const reject = <Code extends string>(code: Code, detail: string): { ok: false; rejection: Rejection<Code> } => ({
  ok: false,
  rejection: { code, detail },
});

export interface Decider<Command, Event, State, Code extends string = string> {
  decide(command: Command, state: State): Decision<Event, Code>;
  /** May update `state` in place and return it: the kit evolves only after an append succeeded. */
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * A reaction to other services' events (emmett's Workflow): given what it has seen, an input yields outputs —
 * events for its own stream, or commands for another decider. Pure, so it is spec-tested like a decider.
 */
export interface Workflow<Input, Output, State> {
  decide(input: Input, state: State): Output[];
  evolve(state: State, event: Input | Output): State;
  initialState(): State;
}

/** Folds events into a fresh state. */
export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: Iterable<Event>): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
