import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** Authentication settings (README "Settings"); read with `config.settings(SecuritySettings)`. */
export class SecuritySettings {
  /** Bootstrap bearer token with the operator and reviewer roles; generated into DATA_DIR when unset. */
  @IsOptional() @IsString() @MinLength(32, { message: 'ADMIN_API_KEY must be at least 32 characters' }) ADMIN_API_KEY?: string;
  /** Requests per second per key, sustained (0 = no limit). */
  @IsInt() @Min(0) API_RATE_LIMIT: number = 50;
  /** Requests a key may make at once above its sustained rate. */
  @IsInt() @Min(1) API_RATE_BURST: number = 100;
  /** Failed secrets from one address on one key id before that address is locked out of it. */
  @IsInt() @Min(1) AUTH_LOCKOUT_FAILURES: number = 10;
  /** How long such a lockout lasts. */
  @IsInt() @Min(1) AUTH_LOCKOUT_SECONDS: number = 900;
  /** Requests refused for the rate limit within a minute, as a multiple of a minute's allowance, that suspend the account. */
  @IsInt() @Min(1) @Max(1000) SECURITY_BURST_FACTOR: number = 10;
  /** Distinct ids of other accounts a customer key asks for within ten minutes that suspend its account. */
  @IsInt() @Min(1) SECURITY_PROBE_THRESHOLD: number = 20;
}
