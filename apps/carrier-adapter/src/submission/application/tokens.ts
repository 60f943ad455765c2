/** Injection tokens of the submission context: one file, so every port's token is found in one place. */

/** `CarrierState`: queue, receipt tracking and outbox in one store. */
export const CARRIER_STATE = Symbol('CARRIER_STATE');
/** `ReadonlyMap<string, OperatorChannel>`: the operator channels by id. */
export const OPERATOR_CHANNELS = Symbol('OPERATOR_CHANNELS');
