import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min, Validate } from 'class-validator';
import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from './messages/domain/frequency-limits';
import type { RoutingTable } from './messages/domain/routing';
import { DEFAULT_MARKETING_SEND_WINDOW, parseSendWindow, type SendWindow } from './messages/domain/send-window';
import { FrequencyLimitsSetting, SendWindowSetting } from './recipient-protection.settings';

const OPERATOR = '(?:\\*|CMCC|CUCC|CTCC|CBN|INTERNATIONAL|UNKNOWN)';
const ROUTES = new RegExp(`^${OPERATOR}=[A-Za-z0-9._-]+(?:,${OPERATOR}=[A-Za-z0-9._-]+)*$`);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Dispatch's own settings, read with `config.settings(DispatchConfig)` from the platform's source and validated by
 * the host before anything starts (a wrong value stops the process naming it). Names are environment variables.
 */
export class DispatchConfig {
  /** Days a send keeps claiming the replies from its recipient (MO routing). */
  @IsInt() @Min(1) @Max(3650) INBOUND_ROUTING_WINDOW_DAYS: number = 30;
  /**
   * Our service numbers: the base source addresses the channels send from (the carrier adapter's SMPP_SOURCE_ADDR of
   * each), comma-separated. A reply to one of them followed by an extension code goes to that code's signature (ADR 0021).
   */
  @Matches(/^\+?\d{1,16}(,\+?\d{1,16})*$/, { message: 'INBOUND_SERVICE_NUMBERS must be digits[,digits…] (the channels\' base source addresses)' })
  INBOUND_SERVICE_NUMBERS: string = '10690000';
  /**
   * Which channel carries each operator's traffic, `OPERATOR=channel[,…]`; `*` is the default. The single SMPP
   * channel of the embedded profile carries every operator. Since ADR 0018 channels are managed with /v1/channels:
   * this only seeds the ones it names on the first start (a channel named for an operator is preferred to the default).
   */
  @Matches(ROUTES, { message: 'DISPATCH_ROUTES must be OPERATOR=channel[,OPERATOR=channel…] with OPERATOR one of *, CMCC, CUCC, CTCC, CBN, INTERNATIONAL, UNKNOWN' })
  DISPATCH_ROUTES: string = '*=smpp-default';
  /**
   * Backpressure (ADR 0014): messages accepted and not yet answered by an operator above which `POST /v1/messages`
   * waits; 0 turns it off. The count covers the batches this instance accepted and whose answers it consumes, so with
   * several dispatch replicas sharing the answers' partitions set 0 (or a replica's share).
   */
  @IsInt() @Min(0) @Max(10_000_000) DISPATCH_MAX_UNSUBMITTED: number = 5_000;
  /** The longest a send waits for the backlog to come under DISPATCH_MAX_UNSUBMITTED. */
  @IsInt() @Min(0) @Max(60_000) DISPATCH_BACKPRESSURE_WAIT_MS: number = 1_000;
  /**
   * A channel's last health report from the carrier adapter counts this long (it reports every 2 s); after it the
   * channel's health is unknown again (ADR 0018).
   */
  @IsInt() @Min(1_000) @Max(600_000) DISPATCH_CHANNEL_HEALTH_STALE_MS: number = 10_000;
  /** Retry-After of a send refused in a maintenance window that has no `until`. */
  @IsInt() @Min(1) @Max(86_400) DISPATCH_MAINTENANCE_RETRY_AFTER_S: number = 60;
  /**
   * The harassment guard (DOMAIN §3, ADR 0022): per number and signature, `kind:count/window[,count/window…]` per kind,
   * `*` for every kind together, `;` between kinds; windows slide; `off` turns it off.
   */
  @Validate(FrequencyLimitsSetting) FREQUENCY_LIMITS: string = DEFAULT_FREQUENCY_LIMITS;
  /** Send requests (REST and gRPC) per second per account, sustained — its keys share them; 0 = no limit (ADR 0022). */
  @IsInt() @Min(0) @Max(1_000_000) ACCOUNT_SEND_RATE: number = 100;
  /** Send requests an account may make at once above ACCOUNT_SEND_RATE. */
  @IsInt() @Min(1) @Max(1_000_000) ACCOUNT_SEND_BURST: number = 200;
  /** When marketing may reach a recipient, `HH:MM-HH:MM` of the recipient's local time (DOMAIN §1); `00:00-24:00` = always. */
  @Validate(SendWindowSetting) MARKETING_SEND_WINDOW: string = DEFAULT_MARKETING_SEND_WINDOW;
  /**
   * Webhooks (ADR 0019): whether a webhook may target private, loopback, link-local and other non-public addresses.
   * Off in production (a webhook URL must not be a way into the operator's network); the embedded profile turns it on.
   */
  // The raw value, not class-transformer's implicit Boolean('maybe') === true: a word that is no boolean is refused.
  @Transform(({ obj, key }) => obj[key]) @IsBoolean() WEBHOOK_ALLOW_PRIVATE: boolean = false;
  /** How long a webhook delivery is retried (exponential backoff, capped at an hour) before it is given up as dead. */
  @IsInt() @Min(1) @Max(720) WEBHOOK_RETRY_HOURS: number = 24;
  /** The longest one webhook attempt may take to connect, send and get its status line. */
  @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS: number = 10_000;
  /** A SUBMITTED message with no final receipt this long after its submission becomes EXPIRED (RECEIPT_TIMEOUT). */
  @IsInt() @Min(1) @Max(8_760) RECEIPT_VALIDITY_HOURS: number = 72;
  /** How often the expiry sweep looks for such messages. */
  @IsInt() @Min(1) @Max(86_400) RECEIPT_EXPIRY_CHECK_SECONDS: number = 60;

  get serviceNumbers(): string[] {
    return this.INBOUND_SERVICE_NUMBERS.split(',');
  }

  get inboundRoutingWindowMs(): number {
    return this.INBOUND_ROUTING_WINDOW_DAYS * DAY_MS;
  }

  get receiptValidityMs(): number {
    return this.RECEIPT_VALIDITY_HOURS * 3_600_000;
  }

  get frequencyPolicy(): FrequencyPolicy {
    return FrequencyPolicy.parse(this.FREQUENCY_LIMITS);
  }

  get marketingSendWindow(): SendWindow {
    return parseSendWindow(this.MARKETING_SEND_WINDOW) as SendWindow;
  }

  get routingTable(): RoutingTable {
    return Object.fromEntries(this.DISPATCH_ROUTES.split(',').map((entry) => entry.split('=') as [string, string]));
  }
}
