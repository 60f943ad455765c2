import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import type { CmppSimulatorOptions } from '../smsc/cmpp-simulator';
import type { FaultRate, SmppSimulatorOptions } from '../smsc/smpp-simulator';

const RATE = /^(0(\.\d+)?|1(\.0+)?|\.\d+|every:[1-9]\d*)$/;
const RATE_MESSAGE = '$property must be a probability 0..1 or every:N';

/**
 * Environment of the standalone simulator (`main.ts`); a bad value stops it naming the variable.
 * `@Type(() => Number)` converts explicitly: inferred property types carry no reflection metadata.
 */
export class SimulatorConfig {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) SIM_SMPP_PORT = 2775;
  /** 0.0.0.0 to accept connections from other hosts or containers. */
  @IsString() SIM_HOST = '127.0.0.1';
  @Type(() => Number) @IsInt() @Min(0) @Max(600_000) SIM_LATENCY_MS = 0;
  @Type(() => Number) @IsInt() @Min(0) @Max(86_400_000) SIM_RECEIPT_DELAY_MS = 0;
  @Matches(RATE, { message: RATE_MESSAGE }) SIM_THROTTLE_RATE = '0';
  @Matches(RATE, { message: RATE_MESSAGE }) SIM_SUBMIT_FAIL_RATE = '0';
  @Matches(RATE, { message: RATE_MESSAGE }) SIM_UNDELIVERED_RATE = '0';
  /** Close each connection after its Nth submit (0 = never). */
  @Type(() => Number) @IsInt() @Min(0) SIM_DROP_AFTER = 0;
  /** A mobile-originated reply after every Nth accepted submit (0 = never). */
  @Type(() => Number) @IsInt() @Min(0) SIM_MO_EVERY = 0;
  /** HTTP side door (/health, /stats, POST /mo) on SIM_HOST; off when unset. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535) SIM_HTTP_PORT?: number;
  /** `systemId:password[,systemId:password]`; unset = any credentials bind. */
  @IsOptional() @Matches(/^[^:,]+:[^,]*(,[^:,]+:[^,]*)*$/, { message: 'SIM_SMPP_CREDENTIALS must be systemId:password[,systemId:password…]' })
  SIM_SMPP_CREDENTIALS?: string;
  /** `off` leaves the CMPP side (an ISMG) unstarted. */
  @IsIn(['on', 'off']) SIM_CMPP = 'on';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) SIM_CMPP_PORT = 7890;
  /** Highest CMPP version served: 30 (3.0) or 20 (2.0); a client asking more is told this one (Status 4). */
  @Type(() => Number) @IsIn([30, 20]) SIM_CMPP_VERSION = 30;
  /** `spId:secret[,spId:secret]` (Source_Addr is 6 characters at most); unset = any SP connects. */
  @IsOptional() @Matches(/^[^:,]{1,6}:[^,]*(,[^:,]{1,6}:[^,]*)*$/, { message: 'SIM_CMPP_CREDENTIALS must be spId:secret[,spId:secret…], spId at most 6 characters' })
  SIM_CMPP_CREDENTIALS?: string;
}

/**
 * The platform's names for the same settings, used when the SIM_ name is unset: the container image and Helm
 * chart run every app with PORT, SMPP_HOST/SMPP_PORT (here: where the simulator listens), SMPP_SYSTEM_ID/
 * SMPP_PASSWORD (here: the one account allowed to bind) and SIMULATOR_RECEIPT_DELAY_MS.
 */
const ALIASES: Record<string, { from: string; read: (env: NodeJS.ProcessEnv) => string | undefined }> = {
  SIM_SMPP_PORT: { from: 'SMPP_PORT', read: (env) => env.SMPP_PORT },
  SIM_HOST: { from: 'SMPP_HOST', read: (env) => env.SMPP_HOST },
  SIM_RECEIPT_DELAY_MS: { from: 'SIMULATOR_RECEIPT_DELAY_MS', read: (env) => env.SIMULATOR_RECEIPT_DELAY_MS },
  SIM_HTTP_PORT: { from: 'PORT', read: (env) => env.PORT },
  SIM_SMPP_CREDENTIALS: {
    from: 'SMPP_SYSTEM_ID/SMPP_PASSWORD',
    read: (env) => (env.SMPP_SYSTEM_ID && env.SMPP_PASSWORD ? `${env.SMPP_SYSTEM_ID}:${env.SMPP_PASSWORD}` : undefined),
  },
};

export function loadSimulatorConfig(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const plain: Record<string, unknown> = {};
  const aliased = new Set<string>();
  for (const key of [...Object.keys(new SimulatorConfig()), 'SIM_HTTP_PORT', 'SIM_SMPP_CREDENTIALS', 'SIM_CMPP_CREDENTIALS']) {
    let value = env[key];
    if ((value === undefined || value === '') && ALIASES[key]) {
      value = ALIASES[key].read(env);
      if (value) aliased.add(key);
    }
    if (value !== undefined && value !== '') plain[key] = value.trim();
  }
  // Validated here rather than through @sms/service-kit, whose barrel would load Nest and SQLite into a small tool.
  const config = plainToInstance(SimulatorConfig, plain, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config);
  if (errors.length > 0) {
    const name = (property: string) => (aliased.has(property) ? `${property} (from ${ALIASES[property].from})` : property);
    const detail = errors.map((e) => `${name(e.property)}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n  ');
    throw new Error(`Invalid simulator configuration:\n  ${detail}`);
  }
  return config;
}

export function simulatorOptions(config: SimulatorConfig): SmppSimulatorOptions {
  return {
    port: config.SIM_SMPP_PORT,
    ...sharedOptions(config),
    credentials: config.SIM_SMPP_CREDENTIALS ? credentials(config.SIM_SMPP_CREDENTIALS) : undefined,
  };
}

/** The CMPP side: its own port, version and credentials; host, delays and faults as the SMPP side's. */
export function cmppSimulatorOptions(config: SimulatorConfig): CmppSimulatorOptions {
  return {
    port: config.SIM_CMPP_PORT,
    version: config.SIM_CMPP_VERSION === 20 ? 0x20 : 0x30,
    ...sharedOptions(config),
    credentials: config.SIM_CMPP_CREDENTIALS ? credentials(config.SIM_CMPP_CREDENTIALS) : undefined,
  };
}

/** What both protocol sides take from the same variables. */
function sharedOptions(config: SimulatorConfig) {
  return {
    host: config.SIM_HOST,
    latencyMs: config.SIM_LATENCY_MS,
    receiptDelayMs: config.SIM_RECEIPT_DELAY_MS,
    throttleRate: faultRate(config.SIM_THROTTLE_RATE),
    submitFailRate: faultRate(config.SIM_SUBMIT_FAIL_RATE),
    undeliveredRate: faultRate(config.SIM_UNDELIVERED_RATE),
    dropConnectionAfter: config.SIM_DROP_AFTER,
    moEvery: config.SIM_MO_EVERY,
  };
}

function faultRate(value: string): FaultRate | undefined {
  if (value.startsWith('every:')) return { every: Number(value.slice('every:'.length)) };
  const rate = Number(value);
  return rate > 0 ? rate : undefined;
}

function credentials(value: string): Record<string, string> {
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const i = pair.indexOf(':');
      return [pair.slice(0, i), pair.slice(i + 1)];
    }),
  );
}
