import { MESSAGE_KINDS, type MessageKind, type OperatorCode } from '@sms/contracts';

/** Which channel carries each operator's traffic; `*` is the default. */
export type RoutingTable = Partial<Record<OperatorCode | '*', string>>;

/*
 * Routing over channels (ADR 0018). A channel serves operators (international traffic by the recipient's country),
 * message kinds, with a priority; dispatch knows whether it is enabled, paused, and how the carrier adapter last
 * found it. A message goes to the best channel serving it: open before paused, UP before THROTTLING before
 * DOWN/unknown, then the higher priority (then the id, so the choice is stable).
 */

/** How the carrier adapter last reported a channel; UNKNOWN when it has not (lately). */
export type ChannelHealthState = 'UP' | 'THROTTLING' | 'DOWN' | 'UNKNOWN';

/** Every operator code a channel can serve (UNKNOWN: a domestic number of no known segment). */
export const ROUTABLE_OPERATORS: readonly OperatorCode[] = ['CMCC', 'CUCC', 'CTCC', 'CBN', 'INTERNATIONAL', 'UNKNOWN'];

/** A channel as routing sees it. */
export interface RoutableChannel {
  channelId: string;
  operators: ReadonlySet<OperatorCode>;
  /** ISO 3166 alpha-2 codes its international traffic may go to; undefined: every country. */
  countries?: ReadonlySet<string>;
  kinds: ReadonlySet<MessageKind>;
  /** Higher is preferred. */
  priority: number;
  enabled: boolean;
  paused: boolean;
  health: ChannelHealthState;
}

/** Chooses a message's channel. */
export interface Router {
  /** The best channel serving the message, or undefined when none does (NO_ROUTE). */
  route(operator: OperatorCode, kind: MessageKind, countryCode: string): string | undefined;
  /**
   * For a message `from` handed back: the best other channel that is open (not paused), or undefined when there is
   * none — the caller then routes it back to `from`, where it waits.
   */
  reroute(operator: OperatorCode, kind: MessageKind, countryCode: string, from: string): string | undefined;
}

const HEALTH_RANK: Record<ChannelHealthState, number> = { UP: 0, THROTTLING: 1, DOWN: 2, UNKNOWN: 2 };
/** Paused channels come last: a message only waits on one when nothing else serves it. */
const rankOf = (channel: RoutableChannel): number => (channel.paused ? 3 : HEALTH_RANK[channel.health]);

/**
 * The candidate list per (operator, kind, country), built on first use and cached, so routing a message costs a map
 * lookup whatever the number of channels. Immutable: a change of channels or of their health builds a new router.
 */
export class ChannelRouter implements Router {
  private readonly cache = new Map<string, readonly RoutableChannel[]>();

  constructor(private readonly channels: readonly RoutableChannel[]) {}

  route(operator: OperatorCode, kind: MessageKind, countryCode: string): string | undefined {
    return this.candidates(operator, kind, countryCode)[0]?.channelId;
  }

  reroute(operator: OperatorCode, kind: MessageKind, countryCode: string, from: string): string | undefined {
    const next = this.candidates(operator, kind, countryCode).find((c) => c.channelId !== from);
    return next && !next.paused ? next.channelId : undefined;
  }

  /** The channels serving such a message, best first. */
  candidates(operator: OperatorCode, kind: MessageKind, countryCode: string): readonly RoutableChannel[] {
    const international = operator === 'INTERNATIONAL';
    const key = `${operator}\u0000${kind}\u0000${international ? countryCode : ''}`;
    let list = this.cache.get(key);
    if (!list) {
      list = this.channels
        .filter((c) => c.enabled && c.operators.has(operator) && c.kinds.has(kind) && (!international || c.countries === undefined || c.countries.has(countryCode)))
        .sort((a, b) => rankOf(a) - rankOf(b) || b.priority - a.priority || (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0));
      this.cache.set(key, list);
    }
    return list;
  }
}

/**
 * The channels a routing table (DISPATCH_ROUTES) stands for: one per channel it names, serving its operators (all of
 * them for `*`), every country and kind; a channel named for an operator is preferred (priority 100) to the default.
 */
export function channelsOfTable(table: RoutingTable): Array<{ channelId: string; operators: OperatorCode[]; priority: number }> {
  const byChannel = new Map<string, { operators: Set<OperatorCode>; priority: number }>();
  for (const [operator, channelId] of Object.entries(table) as Array<[OperatorCode | '*', string]>) {
    const entry = byChannel.get(channelId) ?? { operators: new Set<OperatorCode>(), priority: 0 };
    if (operator === '*') for (const code of ROUTABLE_OPERATORS) entry.operators.add(code);
    else {
      entry.operators.add(operator);
      entry.priority = 100;
    }
    byChannel.set(channelId, entry);
  }
  return [...byChannel].map(([channelId, { operators, priority }]) => ({ channelId, operators: ROUTABLE_OPERATORS.filter((o) => operators.has(o)), priority }));
}

/** A router over the channels of a routing table, all open and of unknown health (specs, and before any report). */
export function routerOfTable(table: RoutingTable): ChannelRouter {
  return new ChannelRouter(
    channelsOfTable(table).map((c) => ({
      channelId: c.channelId,
      operators: new Set(c.operators),
      kinds: new Set(MESSAGE_KINDS),
      priority: c.priority,
      enabled: true,
      paused: false,
      health: 'UNKNOWN' as const,
    })),
  );
}
