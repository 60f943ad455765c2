import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { join } from 'node:path';
import { validateOrThrow } from './validation';

/**
 * Every setting, validated at start-up: a wrong or missing value stops the process naming it (ARCHITECTURE.md).
 * The README lists them; names are environment variables.
 */
export class PlatformConfig {
  /** REST port; every service's routes in the embedded profile. */
  @IsInt() @Min(0) @Max(65535) PORT: number = 8080;
  /** gRPC port (0 disables gRPC). */
  @IsInt() @Min(0) @Max(65535) GRPC_PORT: number = 50051;
  @IsString() HOST: string = '0.0.0.0';
  /** Where SQLite files live (event store, read models, checkpoints). */
  @IsString() DATA_DIR: string = './data';
  /** `host:port[,host:port]`; when set the services talk through Kafka, otherwise through the in-process bus. */
  @IsOptional() @Matches(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS?: string;
  @IsString() KAFKA_CLIENT_ID: string = 'sms-platform';
  @IsIn(['sqlite', 'memory', 'eventstoredb']) EVENT_STORE: 'sqlite' | 'memory' | 'eventstoredb' = 'sqlite';
  @ValidateIf((c: PlatformConfig) => c.EVENT_STORE === 'eventstoredb') @IsString() EVENTSTORE_URL?: string;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';
  /** Operator channel (SMPP 3.4). In the embedded profile it points at the bundled simulator. */
  @IsString() SMPP_HOST: string = '127.0.0.1';
  @IsInt() @Min(0) @Max(65535) SMPP_PORT: number = 2775;
  @IsString() SMPP_SYSTEM_ID: string = 'smsplatform';
  @IsString() SMPP_PASSWORD: string = 'secret';
  @IsInt() @Min(1) @Max(1000) SMPP_WINDOW: number = 100;
  @IsInt() @Min(1) @Max(16) SMPP_SESSIONS: number = 1;
  @IsString() SMPP_SOURCE_ADDR: string = '10690000';
  /** Start the bundled SMSC simulator inside the process (embedded default). */
  @IsBoolean() SIMULATOR: boolean = true;
  @IsInt() @Min(0) @Max(600_000) SIMULATOR_RECEIPT_DELAY_MS: number = 0;
  /** When set, the bundled simulator also serves GET /stats and POST /mo (a reply from a phone) on this port. */
  @IsOptional() @IsInt() @Min(1) @Max(65535) SIMULATOR_HTTP_PORT?: number;
  /** Where the docs and URLs printed at start-up point. */
  @IsOptional() @IsString() PUBLIC_URL?: string;

  get kafkaBrokers(): string[] | undefined {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : undefined;
  }

  dataFile(name: string): string {
    return join(this.DATA_DIR, name);
  }
}

const BOOLEAN = /^(true|false|1|0|yes|no)$/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof PlatformConfig, unknown>> = {}): PlatformConfig {
  const known = Object.keys(new PlatformConfig()).concat(['KAFKA_BROKERS', 'EVENTSTORE_URL', 'PUBLIC_URL', 'SIMULATOR_HTTP_PORT']);
  const plain: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    // Booleans from the environment: implicit conversion would turn "false" into true.
    plain[key] = BOOLEAN.test(value) && typeof (new PlatformConfig() as any)[key] === 'boolean' ? /^(true|1|yes)$/i.test(value) : value;
  }
  return validateOrThrow(PlatformConfig, { ...plain, ...overrides }, 'configuration');
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
