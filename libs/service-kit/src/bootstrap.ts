import { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import type { MessageBus } from '@sms/messaging';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { asyncApiDocument } from '@sms/contracts';
import { createLogger, PinoNestLogger, startTracing } from '@sms/observability';
import { loadConfig, PlatformConfig } from './config';
import { hardenHttp } from './http-hardening';
import { InfrastructureModule } from './infrastructure.module';
import { mergeDuplicateParameters } from './openapi';
import { ProblemDetailsFilter } from './problem-details.filter';
import { resolveAdminKey } from './security/admin-key';
import { SecuritySettings } from './security/security.config';
import { SecurityModule } from './security/security.module';
import { DataExportModule } from './data-export/data-export.module';
import { DataErasureModule } from './data-erasure/data-erasure.module';
import { createValidationPipe } from './validation';
import { MetricsModule } from './metrics';

/** What an app contributes to a process: its Nest module and the gRPC packages it serves. */
export interface ServiceDefinition {
  name: string;
  module: Type<unknown> | DynamicModule;
  /** The service's own settings classes (read with `config.settings(Class)`), validated before the process starts anything. */
  settings?: Array<new () => object>;
  grpc?: Array<{ package: string; protoPath: string }>;
}

export interface RunningPlatform {
  app: INestApplication;
  config: PlatformConfig;
  httpUrl: string;
  grpcUrl?: string;
  close(): Promise<void>;
}

/**
 * Starts one process hosting the given services: the embedded profile passes all of them, a production pod one.
 * REST on PORT with OpenAPI at /docs, gRPC on GRPC_PORT, problem+json errors, validated DTOs.
 */
export async function startServices(
  name: string,
  services: ServiceDefinition[],
  config: PlatformConfig,
  overrides: { bus?: MessageBus } = {},
): Promise<RunningPlatform> {
  const tracing = startTracing({ serviceName: name });
  const logger = createLogger({ name, level: config.LOG_LEVEL });
  // Every route and gRPC method of a process with an API passes the one guard (ADR 0015).
  const root = rootModule(services, config, overrides, apiProcessModules(config, name));

  const app = await NestFactory.create<NestExpressApplication>(root, { logger: new PinoNestLogger(logger) });
  // Body limits (2 MB: 1,000 recipients with parameters fit), content types, timeouts: the same edges as the test harness.
  hardenHttp(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());

  const document = mergeDuplicateParameters(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(`SMS platform — ${name}`)
        .setDescription(`REST API of ${services.map((s) => s.name).join(', ')}. Errors are application/problem+json (RFC 9457, schema ProblemDetails) with a stable code.`)
        .setVersion('v1')
        // CONTRACTS.md "Authentication and roles"; each operation lists the roles that may call it (x-roles).
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key token (keyId.secret) or the bootstrap ADMIN_API_KEY' }, 'bearer')
        .addSecurity('SMS-HMAC-SHA256', {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'SMS-HMAC-SHA256 KeyId=<keyId>, Timestamp=<unix seconds>, Nonce=<unique>, Signature=<base64 HMAC-SHA256(secret, METHOD\\nPATH[?QUERY]\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body)))>; within 300 s, each nonce once',
        })
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  const asyncApi = asyncApiDocument();
  app.getHttpAdapter().get('/docs/asyncapi.json', (_request: unknown, response: { json(body: unknown): void }) => response.json(asyncApi));

  const grpc = services.flatMap((s) => s.grpc ?? []);
  let grpcUrl: string | undefined;
  if (grpc.length > 0 && config.GRPC_PORT > 0) {
    grpcUrl = `${config.HOST}:${config.GRPC_PORT}`;
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.GRPC,
      options: { package: grpc.map((g) => g.package), protoPath: grpc.map((g) => g.protoPath), url: grpcUrl, loader: { keepCase: true, longs: String, enums: String, defaults: true } },
    });
    await app.startAllMicroservices();
  }

  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const httpUrl = config.PUBLIC_URL ?? `http://localhost:${port}`;

  return {
    app,
    config,
    httpUrl,
    grpcUrl,
    close: async () => {
      await app.close();
      await tracing.shutdown();
    },
  };
}

/**
 * What every process with an API runs beside its services: the guard and key directory, the export route, the
 * erasure consumer, and GET /metrics. `processName` names its consumer groups. The test harness boots services with the same list.
 */
export function apiProcessModules(config: PlatformConfig, processName: string): DynamicModule[] {
  return [SecurityModule.forRoot(config, processName), { module: DataExportModule }, DataErasureModule.forRoot(processName), { module: MetricsModule }];
}

function rootModule(services: ServiceDefinition[], config: PlatformConfig, overrides: { bus?: MessageBus }, extra: DynamicModule[] = []): DynamicModule {
  class PlatformRootModule {}
  return { module: PlatformRootModule, imports: [InfrastructureModule.forRoot(config, overrides), ...extra, ...services.map((s) => s.module)] };
}

/** Services without an API of their own (the carrier adapter on its own thread): no HTTP, no gRPC. */
export async function startHeadlessServices(
  name: string,
  services: ServiceDefinition[],
  config: PlatformConfig,
  overrides: { bus?: MessageBus } = {},
): Promise<{ context: INestApplicationContext; close(): Promise<void> }> {
  const tracing = startTracing({ serviceName: name });
  const logger = createLogger({ name, level: config.LOG_LEVEL });
  // Headless processes hold personal data too (the carrier's queue): they hear erasures like every other (ADR 0017).
  const context = await NestFactory.createApplicationContext(rootModule(services, config, overrides, [DataErasureModule.forRoot(name)]), { logger: new PinoNestLogger(logger) });
  return {
    context,
    close: async () => {
      await context.close();
      await tracing.shutdown();
    },
  };
}

/** Entry point of an app's main.ts: starts, prints where the API and docs are, exits non-zero on a start failure. */
export async function runServiceMain(
  name: string,
  services: ServiceDefinition[],
  overrides: Record<string, unknown> = {},
): Promise<RunningPlatform | undefined> {
  try {
    const config = loadConfig(process.env, overrides);
    for (const service of services) for (const settings of service.settings ?? []) config.settings(settings);
    const admin = resolveAdminKey(config.settings(SecuritySettings).ADMIN_API_KEY, config.DATA_DIR);
    const running = await startServices(name, services, config);
    process.stdout.write(`${name} ready: REST ${running.httpUrl}/v1 · OpenAPI ${running.httpUrl}/docs${running.grpcUrl ? ` · gRPC ${running.grpcUrl}` : ''}\n`);
    // Each process of a deployment should share one ADMIN_API_KEY; a generated one is shown on the start that made it.
    if (admin.generated) process.stdout.write(`${name} admin key (shown once, kept in ${admin.file}): ${admin.token}\n`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return running;
  } catch (error) {
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
