import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus text exposition format, version 0.0.4 (what `GET /metrics` answers); parameters in the order express writes them. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; charset=utf-8; version=0.0.4';

/** One series of a gauge read at scrape time: its labels and its value now. */
export interface GaugeSample<L extends string = string> {
  labels: Record<L, string>;
  value: number;
}

/** A gauge family: its name, help text and label names. */
export interface GaugeFamily<L extends string = string> {
  help: string;
  labelNames: readonly L[];
}

/**
 * A process's metrics (ADR 0040), rendered in the Prometheus text format by `GET /metrics`. One instance per Nest
 * application, never prom-client's global registry: the embedded profile and the test suites run several
 * applications in one process, and each must show (and name) its own series once.
 *
 * Counters and histograms are kept as requests happen; gauges of state held elsewhere (channel health) are read at
 * scrape time through `gauges`.
 */
export class Metrics {
  private readonly registry = new Registry();
  private readonly readers: Array<() => void> = [];

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** `buckets`: upper bounds, in the metric's unit. */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /**
   * Gauge families read at each scrape: `read` runs once per scrape, so every family shows the same moment, and
   * only the series it returns are shown — a channel whose labels changed (its protocol, its operators) leaves no
   * stale series behind, as an SDK that keeps every attribute set it once saw would (ADR 0040).
   */
  gauges<N extends string>(families: Record<N, GaugeFamily>, read: () => Partial<Record<N, GaugeSample[]>>): void {
    let latest: Partial<Record<N, GaugeSample[]>> = {};
    this.readers.push(() => {
      latest = read();
    });
    for (const name of Object.keys(families) as N[]) {
      const { help, labelNames } = families[name];
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const sample of latest[name] ?? []) this.set(sample.labels, sample.value);
        },
      });
    }
  }

  /** Everything, in the Prometheus text format (PROMETHEUS_CONTENT_TYPE). */
  async render(): Promise<string> {
    for (const read of this.readers) read();
    return this.registry.metrics();
  }
}
