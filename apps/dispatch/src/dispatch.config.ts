import { IsInt, Matches, Max, Min } from 'class-validator';
import type { RoutingTable } from './messages/domain/routing';

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
   * Which channel carries each operator's traffic, `OPERATOR=channel[,…]`; `*` is the default. The single SMPP
   * channel of the embedded profile carries every operator.
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

  get inboundRoutingWindowMs(): number {
    return this.INBOUND_ROUTING_WINDOW_DAYS * DAY_MS;
  }

  get routingTable(): RoutingTable {
    return Object.fromEntries(this.DISPATCH_ROUTES.split(',').map((entry) => entry.split('=') as [string, string]));
  }
}
