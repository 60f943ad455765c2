import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, PinoNestLogger, startTracing } from '@sms/observability';
import { json } from 'express';
import { PlatformConfig } from './config';
import { InfrastructureModule } from './infrastructure.module';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

/** What an app contributes to a process: its Nest module and the gRPC packages it serves. */
export interface ServiceDefinition {
  name: string;
  module: Type<unknown> | DynamicModule;
  grpc?: Array<{ package: string; protoPath: string }>;
}

export interface RunningPlatform {
  app: INestApplication;
  httpUrl: string;
  grpcUrl?: string;
  close(): Promise<void>;
}

/**
 * Starts one process hosting the given services: the embedded profile passes all of them, a production pod one.
 * REST on PORT with OpenAPI at /docs, gRPC on GRPC_PORT, problem+json errors, validated DTOs.
 */
export async function startServices(name: string, services: ServiceDefinition[], config: PlatformConfig): Promise<RunningPlatform> {
  const tracing = startTracing({ serviceName: name });
  const logger = createLogger({ name, level: config.LOG_LEVEL });

  class PlatformRootModule {}
  const root: DynamicModule = {
    module: PlatformRootModule,
    imports: [InfrastructureModule.forRoot(config), ...services.map((s) => s.module)],
  };

  const app = await NestFactory.create(root, { logger: new PinoNestLogger(logger), bodyParser: false });
  app.use(json({ limit: '2mb', type: ['application/json', 'application/*+json'] }));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`SMS platform — ${name}`)
      .setDescription(`REST API of ${services.map((s) => s.name).join(', ')}. Errors are application/problem+json with a stable code.`)
      .setVersion('v1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

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
    httpUrl,
    grpcUrl,
    close: async () => {
      await app.close();
      await tracing.shutdown();
    },
  };
}
