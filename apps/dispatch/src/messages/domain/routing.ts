import type { OperatorCode } from '@sms/contracts';

/** Which channel carries each operator's traffic; `*` is the default. */
export type RoutingTable = Partial<Record<OperatorCode | '*', string>>;

export function routeFor(operator: OperatorCode, table: RoutingTable): string | undefined {
  return table[operator] ?? table['*'];
}
