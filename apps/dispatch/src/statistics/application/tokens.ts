/** Injection tokens of the statistics context. */

/** `StatisticsStore` */
export const STATISTICS_STORE = Symbol('STATISTICS_STORE');
