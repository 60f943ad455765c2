import { Controller, Get, Header, Inject, Injectable, Module, type NestMiddleware } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Metrics, PROMETHEUS_CONTENT_TYPE } from '@sms/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Access } from './security/access';

/** `Metrics`: the application's registry, rendered by GET /metrics (ADR 0040). Services add their own series to it. */
export const METRICS = Symbol('METRICS');

/** Seconds; from a health probe to a 1,000-recipient send or an export. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a request answered when routing found no route (404s, the OpenAPI pages): one series, not one per URL. */
export const UNROUTED = 'unrouted';

/** nginx's code for a request whose client went away before the answer was written. */
export const CLIENT_CLOSED = 499;

type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/** The route template (`/v1/messages/:messageId`), never the URL: ids in a label would make a series per resource. */
export function routeLabel(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? path : UNROUTED;
}

/**
 * RED per route (CONTRACTS.md "Health and metrics"): a counter and a duration histogram labelled method, route and
 * status, recorded when the response is finished or the client has gone. A middleware rather than an interceptor,
 * so that answers the guard, the pipes or the exception filter give (401, 403, 400, 404) count too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly duration;

  constructor(@Inject(METRICS) metrics: Metrics) {
    const labels = ['method', 'route', 'status'] as const;
    this.requests = metrics.counter('http_requests_total', 'HTTP requests answered, by method, route template and status', labels);
    this.duration = metrics.histogram('http_request_duration_seconds', 'Time from a request reaching the routes to its answer being written, in seconds', labels, HTTP_DURATION_BUCKETS);
  }

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    // 'close' follows 'finish' when the answer was written, and comes alone when the client went away first.
    response.once('close', () => {
      const labels = { method: request.method ?? 'UNKNOWN', route: routeLabel(request), status: String(response.writableFinished ? response.statusCode : CLIENT_CLOSED) };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

/**
 * Prometheus scrapes this (ADR 0040) with an operator key: `authorization: { credentials: <key> }` in its scrape
 * config. Unlike /health it is in the OpenAPI document: it has an access rule, and the access suite walks every
 * documented route.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get()
  @Access('operator')
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({
    summary:
      'Prometheus text format 0.0.4: RED per route (http_requests_total, http_request_duration_seconds) and, where dispatch runs, every channel’s state and health (sms_channel_*)',
  })
  @ApiOkResponse({ description: 'Every series of this process', content: { 'text/plain': { schema: { type: 'string' }, example: 'sms_channel_up{channel="smpp-default",protocol="smpp",operators="CMCC"} 1\n' } } })
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}

/**
 * GET /metrics, in every process with an API (`apiProcessModules`): its guard needs the security module, which a
 * headless context (the carrier thread) does not have, so the route is not InfrastructureModule's.
 */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
