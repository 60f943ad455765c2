// Numbers from the environment are converted by their declared type (design:type), which only a loaded
// reflect-metadata records: on the carrier's own thread this file can load before anything else that imports it.
import 'reflect-metadata';
import { IsInt, IsOptional, IsString, Max, Min, Validate, type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

/** The connection of one operator channel the carrier adapter hosts (its routing attributes live in dispatch, ADR 0018). */
export interface ChannelConnection {
  id: string;
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** submit_sm in flight per bind. */
  window: number;
  /** Binds, used round-robin. */
  sessions: number;
  sourceAddr: string;
}

/** The channel the SMPP_* variables describe. */
export const DEFAULT_CHANNEL_ID = 'smpp-default';

const CHANNEL_ID = /^[A-Za-z0-9._-]{1,64}$/;
const FIELDS = new Set(['id', 'host', 'port', 'systemId', 'password', 'window', 'sessions', 'sourceAddr']);

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isIntIn = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

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
    if (!isText(c.host, 255)) return `${at}.host must be a host name or address`;
    if (!isIntIn(c.port, 1, 65535)) return `${at}.port must be an integer of 1–65535`;
    if (!isText(c.systemId, 16)) return `${at}.systemId must be a string of 1–16 characters`;
    if (typeof c.password !== 'string' || c.password.length > 64) return `${at}.password must be a string`;
    if (c.window !== undefined && !isIntIn(c.window, 1, 1000)) return `${at}.window must be an integer of 1–1000`;
    if (c.sessions !== undefined && !isIntIn(c.sessions, 1, 16)) return `${at}.sessions must be an integer of 1–16`;
    if (c.sourceAddr !== undefined && !isText(c.sourceAddr, 21)) return `${at}.sourceAddr must be a string of 1–21 characters`;
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
    return `CARRIER_CHANNELS ${problem}: a JSON list of {id, host, port, systemId, password, window?, sessions?, sourceAddr?}`;
  }
}

/**
 * The carrier adapter's own settings: its operator channels' connections (SMPP 3.4). The SMPP_* variables describe
 * the default channel, `smpp-default` (in the embedded profile it points at the bundled simulator); CARRIER_CHANNELS
 * declares more — an entry named `smpp-default` replaces the default one.
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
  /**
   * More channels, as a JSON list: `[{"id":"smpp-b","host":"10.0.0.2","port":2775,"systemId":"acme","password":"…",
   * "window":50,"sessions":2,"sourceAddr":"10690001"}]`. window, sessions and sourceAddr default to the SMPP_* values.
   */
  @IsOptional() @Validate(CarrierChannels) CARRIER_CHANNELS?: string;
  /** How long a channel may have no bound session before the messages queued for it are handed back to dispatch. */
  @IsInt() @Min(0) @Max(3_600_000) CHANNEL_FAILOVER_GRACE_MS: number = 10_000;
  /** How often each channel's health goes to dispatch (and at every change of state). */
  @IsInt() @Min(100) @Max(60_000) CHANNEL_HEALTH_INTERVAL_MS: number = 2_000;

  /** Every channel this adapter hosts: the default one (unless CARRIER_CHANNELS replaces it), then the declared ones. */
  get channels(): ChannelConnection[] {
    const defaults = { window: this.SMPP_WINDOW, sessions: this.SMPP_SESSIONS, sourceAddr: this.SMPP_SOURCE_ADDR };
    const declared = this.CARRIER_CHANNELS ? (JSON.parse(this.CARRIER_CHANNELS) as Array<Partial<ChannelConnection>>) : [];
    const channels = declared.map((c) => ({ ...defaults, ...c }) as ChannelConnection);
    if (channels.some((c) => c.id === DEFAULT_CHANNEL_ID)) return channels;
    const standard: ChannelConnection = {
      id: DEFAULT_CHANNEL_ID,
      host: this.SMPP_HOST,
      port: this.SMPP_PORT,
      systemId: this.SMPP_SYSTEM_ID,
      password: this.SMPP_PASSWORD,
      ...defaults,
    };
    return [standard, ...channels];
  }
}
