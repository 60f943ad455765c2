import type { DynamicModule, INestApplication, LogLevel, Type } from '@nestjs/common';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { apiProcessModules, createValidationPipe, hardenHttp, InfrastructureModule, loadConfig, type PlatformConfig, ProblemDetailsFilter } from '@sms/service-kit';
import { randomUUID } from 'node:crypto';
import { freePort } from './wait';

export interface ServiceUnderTestOptions {
  /** The service's Nest module, booted next to the infrastructure module as bootstrap.ts does. */
  module: Type<unknown> | DynamicModule;
  /** DATA_DIR of the SQLite files; the caller owns it, so a second boot on it is a restart. */
  dataDir: string;
  /** Serves this gRPC package on a free loopback port. */
  grpc?: { package: string; protoPath: string };
  /** Topics collected into `published`, subscribed before the app starts so nothing its outbox publishes is missed. */
  collect?: string[];
  /** LOG_LEVEL of the service; Nest's own logger shows the same levels. Default 'silent'. */
  logLevel?: PlatformConfig['LOG_LEVEL'];
  /** Further settings, e.g. the SMPP channel of the carrier adapter. */
  config?: Record<string, unknown>;
}

export interface ServiceUnderTest {
  app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` when `grpc` was asked for. */
  grpcUrl?: string;
  /** The bootstrap admin key (operator and reviewer) this service was started with. */
  adminToken: string;
  bus: MessageBus;
  get<T>(token: string | symbol | Type<T>): T;
  /** What the service published on the collected topics since boot; a topic appears once something arrives on it. */
  published: Map<string, IntegrationEvent[]>;
  /** The events collected on one topic (empty when none). */
  publishedOn<T = unknown>(topic: string): Array<IntegrationEvent<T>>;
  close(): Promise<void>;
}

const GRPC_LOADER = { keepCase: true, longs: String, enums: String, defaults: true };
const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const NEST_LEVEL_OF: Record<PlatformConfig['LOG_LEVEL'], LogLevel | undefined> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'log',
  debug: 'debug',
  trace: 'verbose',
  silent: undefined,
};

/**
 * Boots one service in-process against real infrastructure (SQLite files in `dataDir`, the in-process bus) with
 * the problem+json filter and validation pipe of bootstrap.ts, listening on a free loopback port.
 */
export async function startServiceUnderTest(options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
  const logLevel = options.logLevel ?? 'silent';
  const config = loadConfig({}, { ADMIN_API_KEY: TEST_ADMIN_TOKEN, ...options.config, DATA_DIR: options.dataDir, GRPC_PORT: 0, PORT: 0, LOG_LEVEL: logLevel });
  const moduleRef = await Test.createTestingModule({
    imports: [InfrastructureModule.forRoot(config), ...apiProcessModules(config, `test.${randomUUID()}`), options.module],
  }).compile();
  const nestLevel = NEST_LEVEL_OF[logLevel];
  const app = moduleRef.createNestApplication({ logger: nestLevel ? NEST_LEVELS.slice(0, NEST_LEVELS.indexOf(nestLevel) + 1) : false });
  hardenHttp(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());

  let grpcUrl: string | undefined;
  if (options.grpc) {
    grpcUrl = `127.0.0.1:${await freePort()}`;
    app.connectMicroservice<MicroserviceOptions>({ transport: Transport.GRPC, options: { ...options.grpc, url: grpcUrl, loader: GRPC_LOADER } });
  }

  const bus = app.get<MessageBus>(MESSAGE_BUS);
  const published = new Map<string, IntegrationEvent[]>();
  if (options.collect?.length) {
    await bus.subscribe({
      groupId: `test.collector.${randomUUID()}`,
      topics: options.collect,
      handler: async (event, context) => {
        const list = published.get(context.topic) ?? [];
        list.push(event);
        published.set(context.topic, list);
      },
    });
  }

  if (grpcUrl) await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    grpcUrl,
    adminToken: String(config.source().ADMIN_API_KEY),
    bus,
    get: <T>(token: string | symbol | Type<T>) => app.get<T>(token),
    published,
    publishedOn: <T>(topic: string) => (published.get(topic) ?? []) as Array<IntegrationEvent<T>>,
    close: () => app.close(),
  };
}

/** The admin key services under test start with unless a test sets ADMIN_API_KEY. */
export const TEST_ADMIN_TOKEN = 'test-admin-key-0123456789abcdef0123456789';

/** A JSON request with a bearer token (the test admin key unless another is given; `null` = none); the body is parsed when there is one. */
export async function callJson(method: string, url: string, body?: unknown, token: string | null = TEST_ADMIN_TOKEN): Promise<{ status: number; body: any; contentType: string | null }> {
  const headers: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
}

/** An integration event as another service would publish it, stamped now. */
export function testEvent<T>(type: string, source: string, key: string, data: T, id: string = randomUUID()): IntegrationEvent<T> {
  return { id, type, source, time: new Date().toISOString(), key, data };
}
