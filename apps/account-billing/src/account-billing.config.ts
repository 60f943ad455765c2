import { IsInt, IsOptional, Max, Min } from 'class-validator';

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

  /** The platform's retention period in milliseconds. */
  get defaultRetentionMs(): number {
    return (this.RETENTION_SECONDS ?? this.RETENTION_DAYS * 86_400) * 1000;
  }

  /** The platform's retention period in days, as accounts show it (a fraction under RETENTION_SECONDS). */
  get defaultRetentionDays(): number {
    return this.RETENTION_SECONDS !== undefined ? this.RETENTION_SECONDS / 86_400 : this.RETENTION_DAYS;
  }
}
