/** Injection tokens of the content-review module. */

/** The service's SQLite file (infrastructure only: adapters are built on it). */
export const CONTENT_REVIEW_DB = Symbol('CONTENT_REVIEW_DB');
/** Its read-model database port (unit of work + checkpoints) the projection and outbox run on. */
export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');
/** The review queue's repository port. */
export const REVIEW_REPOSITORY = Symbol('REVIEW_REPOSITORY');
/** The signature and template streams' command handlers. */
export const SIGNATURES = Symbol('SIGNATURES');
export const TEMPLATES = Symbol('TEMPLATES');
/** The held messages' store (what screening held, the text sealed; ADR 0036) and their decision streams' handler. */
export const HELD_MESSAGE_STORE = Symbol('HELD_MESSAGE_STORE');
export const HELD_MESSAGES = Symbol('HELD_MESSAGES');
