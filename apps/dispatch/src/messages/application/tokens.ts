/** Injection tokens of the messages context: one file, so every port's token is found in one place. */

/** `CommandHandler<DispatchEvent, BatchState>`: the batch streams' one write path. */
export const BATCHES = Symbol('BATCHES');
/** `ReadModelDatabase` (unit of work, inbox, checkpoints) of dispatch's read-model file. */
export const DISPATCH_DATABASE = Symbol('DISPATCH_DATABASE');
/** `MessageReadModel` */
export const MESSAGE_READ_MODEL = Symbol('MESSAGE_READ_MODEL');
/** `MessageProjection` */
export const MESSAGE_PROJECTION = Symbol('MESSAGE_PROJECTION');
/** `SubmissionBacklog`: accepted messages not yet answered by an operator, and the bound on them. */
export const SUBMISSION_BACKLOG = Symbol('SUBMISSION_BACKLOG');
/** `SendDirectory` */
export const SEND_DIRECTORY = Symbol('SEND_DIRECTORY');
/** `SignatureExtensions`: the extension codes of approved signatures (replies are routed by them). */
export const SIGNATURE_EXTENSIONS = Symbol('SIGNATURE_EXTENSIONS');
/** `ScheduledBatches` */
export const SCHEDULED_BATCHES = Symbol('SCHEDULED_BATCHES');
/** `BalanceView`: each account's last balance report and the price catalogue versions (ADR 0027). */
export const BALANCE_VIEW = Symbol('BALANCE_VIEW');
/** `PendingCharges`: what this process accepted and no balance report shows yet. */
export const PENDING_CHARGES = Symbol('PENDING_CHARGES');
/** `SendBudgets`: what a send's recipients are estimated against. */
export const SEND_BUDGETS = Symbol('SEND_BUDGETS');
