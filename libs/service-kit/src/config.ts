import { getMetadataStorage, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { validateOrThrow } from './validation';

type Source = Record<string, unknown>;

/**
 * The settings every process needs (ports, data, bus, event store, logs), validated at start-up: a wrong or missing
 * value stops the process naming it (ARCHITECTURE.md). Each service declares its own settings class (the carrier
 * adapter's SMPP channel, dispatch's routing…) and reads it with `settings(Class)` from the same source, so the
 * host composes them without one class carrying every service's knobs. Names are environment variables.
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
  /** Where the docs and URLs printed at start-up point. */
  @IsOptional() @IsString() PUBLIC_URL?: string;
  /**
   * The key-encryption key of personal data at rest (32 bytes, base64 or hex; ADR 0016), from a secret manager.
   * Unset: generated into DATA_DIR/master.key on the first start (laptops and tests). Never printed or logged.
   */
  @IsOptional() @IsString() MASTER_KEY?: string;
  /**
   * Length of a data-key epoch (ADR 0017): message data is sealed with the key of the epoch it is sealed in, and
   * retention destroys whole epochs, so data lives between its retention and its retention plus one epoch. Every
   * process of a deployment must use the same length.
   */
  @IsInt() @Min(1) @Max(3650) DATA_KEY_EPOCH_DAYS: number = 30;
  /** The epoch length in seconds, overriding DATA_KEY_EPOCH_DAYS: for tests that watch retention happen. */
  @IsOptional() @IsInt() @Min(1) @Max(315_360_000) DATA_KEY_EPOCH_SECONDS?: number;

  /** A configuration logged or serialised by mistake does not show the master key. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), ...(this.MASTER_KEY ? { MASTER_KEY: '[redacted]' } : {}) };
  }

  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }

  /** The data-key epoch in milliseconds. */
  get dataKeyEpochMs(): number {
    return (this.DATA_KEY_EPOCH_SECONDS ?? this.DATA_KEY_EPOCH_DAYS * 86_400) * 1000;
  }

  get kafkaBrokers(): string[] | undefined {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : undefined;
  }

  dataFile(name: string): string {
    return join(this.DATA_DIR, name);
  }

  /** A service's own settings class, validated from the same environment and overrides as this configuration. */
  settings<T extends object>(cls: new () => T): T {
    return loadSettings(cls, sourceOf(this));
  }

  /** The environment and overrides this configuration was read from (a worker thread rebuilds it from them). */
  source(): Source {
    return { ...sourceOf(this) };
  }

  /** The same configuration with some settings replaced (e.g. a port only known once something listens). */
  with(overrides: Source): PlatformConfig {
    return loadConfig({}, { ...sourceOf(this), ...overrides });
  }
}

const SOURCE = new WeakMap<object, Source>();
const sourceOf = (config: PlatformConfig): Source => SOURCE.get(config) ?? {};

const BOOLEAN = /^(true|false|1|0|yes|no)$/i;

/** The settings `cls` declares (its class-validator properties), picked from `source` and validated. */
export function loadSettings<T extends object>(cls: new () => T, source: Source, what = 'configuration'): T {
  const defaults = new cls() as Record<string, unknown>;
  const names = new Set([
    ...Object.keys(defaults),
    ...getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  ]);
  const plain: Source = {};
  for (const name of names) {
    const value = source[name];
    if (value === undefined || value === '') continue;
    // Booleans from the environment: implicit conversion would turn "false" into true.
    plain[name] = typeof value === 'string' && typeof defaults[name] === 'boolean' && BOOLEAN.test(value) ? /^(true|1|yes)$/i.test(value) : value;
  }
  return validateOrThrow(cls, plain, what);
}

/** Reads the platform configuration from the environment; `overrides` win (tests, worker threads, hosts). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Source = {}): PlatformConfig {
  const source: Source = { ...env, ...overrides };
  const config = loadSettings(PlatformConfig, source);
  SOURCE.set(config, source);
  return config;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
