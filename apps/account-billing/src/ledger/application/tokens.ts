/** The account streams' CommandHandler (state cache, per-account serialisation, conflict retry): `AccountCommands`. */
export const ACCOUNT_COMMANDS = Symbol('ACCOUNT_COMMANDS');
/** The refused-reservations stream's CommandHandler: `RefusedReservationCommands`. */
export const REFUSED_RESERVATION_COMMANDS = Symbol('REFUSED_RESERVATION_COMMANDS');
/** account-billing's own SQLite file (`account-billing.db`) as the kit's read-model database (inbox, checkpoints). */
export const ACCOUNT_BILLING_DB = Symbol('ACCOUNT_BILLING_DB');
/** Where the outbox keeps its position: the checkpoints of `ACCOUNT_BILLING_DB`. */
export const ACCOUNT_BILLING_CHECKPOINTS = Symbol('ACCOUNT_BILLING_CHECKPOINTS');
