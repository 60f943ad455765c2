import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import type { Decider, Decision, Workflow } from './decider';

/**
 * Given/when/then for deciders and workflows (emmett's DeciderSpecification and WorkflowSpecification): given
 * past events, when a command (or input) arrives, then exactly these events (or outputs), this rejection, or
 * nothing. No mocks and no store: fold, decide, compare. Assertions are node's, so they work under any runner.
 */
export const DeciderSpecification = {
  for<Command, Event, State, Code extends string>(decider: Decider<Command, Event, State, Code>) {
    return {
      given(events: Event[] = []) {
        return this.givenState(events.reduce((s, e) => decider.evolve(s, e), decider.initialState()));
      },
      /** Starts from a state no event sequence reaches yet (a status whose events a later issue adds, a snapshot). */
      givenState(state: State) {
        return {
          when(command: Command) {
            return new DeciderThen(decider, state, decider.decide(command, state));
          },
        };
      },
    };
  },
};

class DeciderThen<Event, State, Code extends string> {
  constructor(
    private readonly decider: Pick<Decider<unknown, Event, State, Code>, 'evolve'>,
    private readonly state: State,
    readonly decision: Decision<Event, Code>,
  ) {}

  /** Exactly these events, in order; returns the state after them (for follow-up assertions). */
  then(expected: Event[]): State {
    if (!this.decision.ok) fail(`expected events, got rejection ${this.decision.rejection.code}: ${this.decision.rejection.detail}`);
    deepStrictEqual(this.decision.events, expected);
    return expected.reduce((s, e) => this.decider.evolve(s, e), this.state);
  }

  /** Accepted with no new events (an idempotent repeat). */
  thenNothing(): void {
    this.then([]);
  }

  /** Rejected with this code (and, when given, a detail matching). */
  thenRejects(code: Code, detail?: RegExp): void {
    if (this.decision.ok) fail(`expected rejection ${code}, got ${this.decision.events.length} event(s)`);
    strictEqual(this.decision.rejection.code, code);
    if (detail && !detail.test(this.decision.rejection.detail)) fail(`rejection detail "${this.decision.rejection.detail}" does not match ${detail}`);
  }
}

export const WorkflowSpecification = {
  for<Input, Output, State>(workflow: Workflow<Input, Output, State>) {
    return {
      given(history: Array<Input | Output> = []) {
        return {
          when(input: Input) {
            const state = history.reduce((s, e) => workflow.evolve(s, e), workflow.initialState());
            const outputs = workflow.decide(input, state);
            return {
              outputs,
              then(expected: Output[]): void {
                deepStrictEqual(outputs, expected);
              },
              thenNothing(): void {
                deepStrictEqual(outputs, []);
              },
            };
          },
        };
      },
    };
  },
};
