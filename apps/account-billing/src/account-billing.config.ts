import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/**
 * account-billing's own settings, read with `config.settings(AccountBillingConfig)` and validated by the host before
 * anything starts. Names are environment variables.
 */
export class AccountBillingConfig {
  /**
   * How long an account's messages, replies and their texts are kept (terms §4 "saving"), unless the account has a
   * period of its own (`PUT /v1/accounts/{id}/retention`). Default 180 days: ADR 0017 says why.
   */
  @IsInt() @Min(1) @Max(36_500) RETENTION_DAYS: number = 180;
  /** The platform's retention in seconds, overriding RETENTION_DAYS: for tests that watch retention happen. */
  @IsOptional() @IsInt() @Min(1) @Max(3_153_600_000) RETENTION_SECONDS?: number;
  /** How often the retention job looks for data whose period has passed. */
  @IsInt() @Min(1) @Max(86_400) RETENTION_CHECK_INTERVAL_SECONDS: number = 3_600;
  /**
   * How far ahead a price change must be announced (terms §2.3): `POST /v1/price-changes` with an earlier effectiveAt
   * is refused NOTICE_PERIOD_NOT_MET (ADR 0024).
   */
  @IsInt() @Min(0) @Max(3_650) PRICE_NOTICE_DAYS: number = 30;
  /**
   * A reservation also reserves at the price of a version taking effect within this many hours, so a message
   * submitted after a price change is captured at the new price (terms §2.3: priced at submission; ADR 0024).
   */
  @IsInt() @Min(1) @Max(720) PRICE_RESERVATION_HORIZON_HOURS: number = 24;

  /**
   * The version of the service terms customers accept now (preamble): recorded with every acceptance — by click or
   * seal when an account is opened or later, or by first actual use when a customer sends without having accepted.
   */
  @IsString() @Length(1, 64) TERMS_VERSION: string = '1.0';

  /**
   * The SMTP server notifications are e-mailed through (ADR 0025): `smtp://user:pass@host:587` (STARTTLS when the server
   * offers it) or `smtps://user:pass@host:465`. Unset: nothing is mailed, each e-mail is recorded SKIPPED.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/]+\/?(\?\S*)?$/, { message: 'SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…' })
  SMTP_URL?: string;
  /** The From of notification e-mails, e.g. `SMS Platform <no-reply@example.com>`. */
  @IsString() @Length(3, 320) SMTP_FROM: string = 'SMS Platform <no-reply@localhost>';

  /** The platform's retention period in milliseconds. */
  get defaultRetentionMs(): number {
    return (this.RETENTION_SECONDS ?? this.RETENTION_DAYS * 86_400) * 1000;
  }

  /** The platform's retention period in days, as accounts show it (a fraction under RETENTION_SECONDS). */
  get defaultRetentionDays(): number {
    return this.RETENTION_SECONDS !== undefined ? this.RETENTION_SECONDS / 86_400 : this.RETENTION_DAYS;
  }
}
