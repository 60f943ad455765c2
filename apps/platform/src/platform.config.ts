import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The embedded host's own settings: the bundled SMSC simulator (it listens where the carrier adapter's channel points). */
export class EmbeddedHostConfig {
  /** Start the bundled SMSC simulator inside the process (embedded default). */
  @IsBoolean() SIMULATOR: boolean = true;
  @IsInt() @Min(0) @Max(600_000) SIMULATOR_RECEIPT_DELAY_MS: number = 0;
  /** When set, the bundled simulator also serves GET /stats and POST /mo (a reply from a phone) on this port. */
  @IsOptional() @IsInt() @Min(1) @Max(65535) SIMULATOR_HTTP_PORT?: number;
}

/**
 * Settings the embedded profile defaults differently from a production deployment; the environment still wins.
 * Webhooks may target private and loopback addresses (a developer's endpoint on localhost); production refuses them
 * (ADR 0019). China Mobile's numbers go to a CMPP channel and every other operator's to SMPP, both on the bundled
 * simulator (ADR 0042) — the routing a deployment in China starts from.
 */
export const EMBEDDED_DEFAULTS: Readonly<Record<string, string>> = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  CMPP_ENABLED: 'true',
  DISPATCH_ROUTES: '*=smpp-default,CMCC=cmpp-default',
};
