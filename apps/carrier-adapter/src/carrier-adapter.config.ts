// Numbers from the environment are converted by their declared type (design:type), which only a loaded
// reflect-metadata records: on the carrier's own thread this file can load before anything else that imports it.
import 'reflect-metadata';
import type { OperatorIdBase } from '@sms/carrier-protocols';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate, type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

export type ChannelProtocol = 'smpp' | 'cmpp';

/**
 * The connection of one operator channel the carrier adapter hosts. Its routing attributes — which operators, countries
 * and kinds it carries, its priority and its message TPS — live in dispatch (`/v1/channels`, ADR 0018); this is how to
 * reach and talk to the operator (ADR 0042).
 */
export interface ChannelConnection {
  id: string;
  protocol: ChannelProtocol;
  host: string;
  port: number;
  /** SMPP system_id; CMPP Source_Addr (the SP id, six characters). */
  systemId: string;
  /** SMPP password; CMPP shared secret. */
  password: string;
  /** Submits in flight per bind (SMPP submit_sm, CMPP SUBMIT). */
  window: number;
  /** Binds (SMPP) or connections (CMPP), used round-robin. */
  sessions: number;
  /** The channel's own source address (CMPP Src_Id); a signature's extension code is appended (ADR 0021). */
  sourceAddr: string;
  /** The operator's cap on submits per second for the whole channel (every bind together); 0 = none. */
  tps: number;
  /** SMPP: one transceiver per bind, or a transmitter and a receiver. */
  bindMode: 'transceiver' | 'transmitter-receiver';
  /** SMPP: how long messages are tied together — 8- or 16-bit UDH reference, or sar_* TLVs. */
  concatenation: 'udh8' | 'udh16' | 'sar';
  systemType: string;
  /** How the operator writes message ids in submit answers and in receipts (ADR 0039). */
  submitIdBase: OperatorIdBase;
  receiptIdBase: OperatorIdBase;
  /** CMPP: the version asked for at connect (an ISMG that answers "too high" with 2.0 gets 2.0). */
  cmppVersion: '3.0' | '2.0';
  /** CMPP Service_Id. */
  serviceId: string;
}

export interface SessionTiming {
  responseTimeoutMs: number;
  keepAliveMs: number;
  reconnectBackoffMs: [number, number];
}

/** The channels the SMPP_* and CMPP_* variables describe. */
export const DEFAULT_CHANNEL_ID = 'smpp-default';
export const DEFAULT_CMPP_CHANNEL_ID = 'cmpp-default';

const CHANNEL_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ID_BASES = ['text', 'decimal', 'hex'];

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isIntIn = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const oneOf = (values: readonly string[]) => (value: unknown) => (typeof value === 'string' && values.includes(value) ? undefined : `must be one of ${values.join(', ')}`);

/** The optional fields of a declared channel and what each must be (undefined: fine). */
const OPTIONAL: Record<string, (value: unknown, protocol: ChannelProtocol) => string | undefined> = {
  protocol: oneOf(['smpp', 'cmpp']),
  window: (v) => (isIntIn(v, 1, 1000) ? undefined : 'must be an integer of 1–1000'),
  sessions: (v) => (isIntIn(v, 1, 16) ? undefined : 'must be an integer of 1–16'),
  sourceAddr: (v) => (isText(v, 21) ? undefined : 'must be a string of 1–21 characters'),
  tps: (v) => (isIntIn(v, 0, 1_000_000) ? undefined : 'must be an integer ≥ 0 (0: no cap)'),
  bindMode: oneOf(['transceiver', 'transmitter-receiver']),
  concatenation: oneOf(['udh8', 'udh16', 'sar']),
  systemType: (v) => (typeof v === 'string' && v.length <= 12 ? undefined : 'must be a string of at most 12 characters'),
  submitIdBase: oneOf(ID_BASES),
  receiptIdBase: oneOf(ID_BASES),
  cmppVersion: oneOf(['3.0', '2.0']),
  serviceId: (v) => (typeof v === 'string' && v.length <= 10 ? undefined : 'must be a string of at most 10 characters'),
};
const REQUIRED = ['id', 'host', 'port', 'systemId', 'password'];
const FIELDS = new Set([...REQUIRED, ...Object.keys(OPTIONAL)]);

/** The first problem of CARRIER_CHANNELS, or undefined when it is a list of valid, uniquely named channels. */
export function carrierChannelsProblem(json: string): string | undefined {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return 'is not JSON';
  }
  if (!Array.isArray(list) || list.length === 0) return 'must be a non-empty JSON array of channels';
  const seen = new Set<string>();
  for (const [index, entry] of list.entries()) {
    const at = `[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `${at} must be an object`;
    const c = entry as Record<string, unknown>;
    const unknown = Object.keys(c).find((key) => !FIELDS.has(key));
    if (unknown !== undefined) return `${at} has an unknown field "${unknown}" (fields: ${[...FIELDS].join(', ')})`;
    if (typeof c.id !== 'string' || !CHANNEL_ID.test(c.id)) return `${at}.id must be 1–64 letters, digits, '.', '_' or '-'`;
    if (seen.has(c.id)) return `${at}.id "${c.id}" is declared twice`;
    seen.add(c.id);
    const protocol = (c.protocol ?? 'smpp') as ChannelProtocol;
    if (!isText(c.host, 255)) return `${at}.host must be a host name or address`;
    if (!isIntIn(c.port, 1, 65535)) return `${at}.port must be an integer of 1–65535`;
    // CMPP's Source_Addr is six octets (the SP id); SMPP's system_id at most 15 characters and a NUL.
    if (protocol === 'cmpp' ? !isText(c.systemId, 6) : !isText(c.systemId, 16)) return `${at}.systemId must be a string of 1–${protocol === 'cmpp' ? 6 : 16} characters`;
    if (typeof c.password !== 'string' || c.password.length > 64) return `${at}.password must be a string`;
    for (const [field, check] of Object.entries(OPTIONAL)) {
      if (c[field] === undefined) continue;
      const problem = check(c[field], protocol);
      if (problem) return `${at}.${field} ${problem}`;
    }
  }
  return undefined;
}

@ValidatorConstraint({ name: 'carrierChannels' })
class CarrierChannels implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && carrierChannelsProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const problem = typeof args.value === 'string' ? carrierChannelsProblem(args.value) : 'must be a string';
    return `CARRIER_CHANNELS ${problem}: a JSON list of {id, host, port, systemId, password, protocol?, window?, sessions?, sourceAddr?, tps?, …} (ADR 0042)`;
  }
}

/**
 * The carrier adapter's own settings: its operator channels' connections. The SMPP_* variables describe the default
 * SMPP 3.4 channel, `smpp-default`; the CMPP_* ones, when CMPP_ENABLED, the default CMPP channel, `cmpp-default`, which
 * carries China Mobile's numbers (DISPATCH_ROUTES); in the embedded profile both are on and point at the bundled simulator. CARRIER_CHANNELS
 * declares more — an entry named like a default one replaces it.
 */
export class CarrierAdapterConfig {
  @IsString() SMPP_HOST: string = '127.0.0.1';
  @IsInt() @Min(0) @Max(65535) SMPP_PORT: number = 2775;
  @IsString() SMPP_SYSTEM_ID: string = 'smsplatform';
  @IsString() SMPP_PASSWORD: string = 'secret';
  /** submit_sm in flight per bind. */
  @IsInt() @Min(1) @Max(1000) SMPP_WINDOW: number = 100;
  /** Binds per channel. */
  @IsInt() @Min(1) @Max(16) SMPP_SESSIONS: number = 1;
  @IsString() SMPP_SOURCE_ADDR: string = '10690000';
  /** The operator's submit_sm per second for the default channel, every bind together; 0 = no cap. */
  @IsInt() @Min(0) @Max(1_000_000) SMPP_TPS: number = 0;
  @IsIn(['transceiver', 'transmitter-receiver']) SMPP_BIND_MODE: 'transceiver' | 'transmitter-receiver' = 'transceiver';
  @IsIn(['udh8', 'udh16', 'sar']) SMPP_CONCATENATION: 'udh8' | 'udh16' | 'sar' = 'udh8';
  /** How the SMSC writes message ids in submit_sm_resp and in receipts (ADR 0039): text, decimal or hex. */
  @IsIn(['text', 'decimal', 'hex']) SMPP_SUBMIT_ID_BASE: OperatorIdBase = 'text';
  @IsIn(['text', 'decimal', 'hex']) SMPP_RECEIPT_ID_BASE: OperatorIdBase = 'text';
  /**
   * Host the default CMPP channel (China Mobile's ISMG). Off unless set: the embedded profile sets it, with the bundled
   * simulator's CMPP side behind it, and routes China Mobile there (EMBEDDED_DEFAULTS).
   */
  @IsBoolean() CMPP_ENABLED: boolean = false;
  @IsString() CMPP_HOST: string = '127.0.0.1';
  @IsInt() @Min(0) @Max(65535) CMPP_PORT: number = 7890;
  /** The SP id (CMPP Source_Addr, six characters) and its shared secret. */
  @IsString() @Matches(/^.{1,6}$/, { message: 'CMPP_SP_ID must be 1–6 characters (CMPP Source_Addr)' }) CMPP_SP_ID: string = '901234';
  @IsString() @MaxLength(64) CMPP_SHARED_SECRET: string = 'secret';
  @IsIn(['3.0', '2.0']) CMPP_VERSION: '3.0' | '2.0' = '3.0';
  @IsString() @MaxLength(10) CMPP_SERVICE_ID: string = 'SMS';
  /** The SP's access number (Src_Id); a signature's extension code is appended. */
  @IsString() @Matches(/^\d{1,21}$/, { message: 'CMPP_SRC_ID must be 1–21 digits' }) CMPP_SRC_ID: string = '10690000';
  @IsInt() @Min(1) @Max(1000) CMPP_WINDOW: number = 100;
  @IsInt() @Min(1) @Max(16) CMPP_SESSIONS: number = 1;
  /** The ISMG's SUBMITs per second for the default CMPP channel, every connection together; 0 = no cap. */
  @IsInt() @Min(0) @Max(1_000_000) CMPP_TPS: number = 0;
  /**
   * More channels, as a JSON list: `[{"id":"smpp-b","host":"10.0.0.2","port":2775,"systemId":"acme","password":"…",
   * "window":50,"sessions":2,"sourceAddr":"10690001","tps":500}]` — every field in ADR 0042. window, sessions and
   * sourceAddr default to the SMPP_* values (the CMPP_* ones for `"protocol":"cmpp"`).
   */
  @IsOptional() @Validate(CarrierChannels) CARRIER_CHANNELS?: string;
  /** A bind/connect, submit or keep-alive unanswered this long means the link is dead: it is dropped and made again. */
  @IsInt() @Min(100) @Max(600_000) CARRIER_RESPONSE_TIMEOUT_MS: number = 30_000;
  /** Idle time after which a keep-alive (SMPP enquire_link, CMPP ACTIVE_TEST) checks the link. */
  @IsInt() @Min(100) @Max(600_000) CARRIER_KEEPALIVE_MS: number = 30_000;
  /** Reconnect delay bounds `min,max` in ms: it doubles per failed attempt, with jitter, refused binds included. */
  @Matches(/^\d{1,7},\d{1,7}$/, { message: 'CARRIER_RECONNECT_BACKOFF_MS must be min,max in milliseconds' }) CARRIER_RECONNECT_BACKOFF_MS: string = '1000,30000';
  /** How long a channel may have no bound session before the messages queued for it are handed back to dispatch. */
  @IsInt() @Min(0) @Max(3_600_000) CHANNEL_FAILOVER_GRACE_MS: number = 10_000;
  /** How often each channel's health goes to dispatch (and at every change of state). */
  @IsInt() @Min(100) @Max(60_000) CHANNEL_HEALTH_INTERVAL_MS: number = 2_000;

  /** How every session keeps its link: timeouts, keep-alive and reconnect backoff. */
  get sessionTiming(): SessionTiming {
    const [min, max] = this.CARRIER_RECONNECT_BACKOFF_MS.split(',').map(Number);
    return { responseTimeoutMs: this.CARRIER_RESPONSE_TIMEOUT_MS, keepAliveMs: this.CARRIER_KEEPALIVE_MS, reconnectBackoffMs: [min, Math.max(min, max)] };
  }

  /** Every channel this adapter hosts: the default ones (unless CARRIER_CHANNELS replaces them), then the declared ones. */
  get channels(): ChannelConnection[] {
    const common = { tps: 0, bindMode: 'transceiver', concatenation: 'udh8', systemType: '', submitIdBase: 'text', receiptIdBase: 'text', cmppVersion: '3.0', serviceId: '' } as const;
    const smpp = { ...common, protocol: 'smpp', window: this.SMPP_WINDOW, sessions: this.SMPP_SESSIONS, sourceAddr: this.SMPP_SOURCE_ADDR } as const;
    const smppDefault = { tps: this.SMPP_TPS, bindMode: this.SMPP_BIND_MODE, concatenation: this.SMPP_CONCATENATION, submitIdBase: this.SMPP_SUBMIT_ID_BASE, receiptIdBase: this.SMPP_RECEIPT_ID_BASE };
    const cmpp = { ...common, protocol: 'cmpp', window: this.CMPP_WINDOW, sessions: this.CMPP_SESSIONS, sourceAddr: this.CMPP_SRC_ID, cmppVersion: this.CMPP_VERSION, serviceId: this.CMPP_SERVICE_ID } as const;
    const declared = this.CARRIER_CHANNELS ? (JSON.parse(this.CARRIER_CHANNELS) as Array<Partial<ChannelConnection>>) : [];
    const channels = declared.map((c) => ({ ...(c.protocol === 'cmpp' ? cmpp : smpp), ...c }) as ChannelConnection);
    const declaredIds = new Set(channels.map((c) => c.id));
    const standard: ChannelConnection[] = [];
    if (!declaredIds.has(DEFAULT_CHANNEL_ID)) {
      standard.push({ ...smpp, ...smppDefault, id: DEFAULT_CHANNEL_ID, host: this.SMPP_HOST, port: this.SMPP_PORT, systemId: this.SMPP_SYSTEM_ID, password: this.SMPP_PASSWORD });
    }
    if (this.CMPP_ENABLED && !declaredIds.has(DEFAULT_CMPP_CHANNEL_ID)) {
      standard.push({ ...cmpp, tps: this.CMPP_TPS, id: DEFAULT_CMPP_CHANNEL_ID, host: this.CMPP_HOST, port: this.CMPP_PORT, systemId: this.CMPP_SP_ID, password: this.CMPP_SHARED_SECRET });
    }
    return [...standard, ...channels];
  }
}
