/** The account streams' CommandHandler (state cache, per-account serialisation, conflict retry): `AccountCommands`. */
export const ACCOUNT_COMMANDS = Symbol('ACCOUNT_COMMANDS');
/** The refused-reservations stream's CommandHandler: `RefusedReservationCommands`. */
export const REFUSED_RESERVATION_COMMANDS = Symbol('REFUSED_RESERVATION_COMMANDS');
/** account-billing's own SQLite file (`account-billing.db`) as the kit's read-model database (inbox, checkpoints). */
export const ACCOUNT_BILLING_DB = Symbol('ACCOUNT_BILLING_DB');
/** Where the outbox keeps its position: the checkpoints of `ACCOUNT_BILLING_DB`. */
export const ACCOUNT_BILLING_CHECKPOINTS = Symbol('ACCOUNT_BILLING_CHECKPOINTS');
/** The retention job's schedule of accounts (`RetentionSchedule`, in `account-billing.db`). */
export const RETENTION_SCHEDULE = Symbol('RETENTION_SCHEDULE');
/** The projection feeding it (`RetentionProjection`). */
export const RETENTION_PROJECTION = Symbol('RETENTION_PROJECTION');
/** The platform's retention period and the key epoch (`RetentionPolicy`), from the settings. */
export const RETENTION_POLICY = Symbol('RETENTION_POLICY');
