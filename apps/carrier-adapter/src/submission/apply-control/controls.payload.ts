import { CHANNEL_CONTROL_V1, type ChannelControlV1, MAINTENANCE_V1, type MaintenanceV1 } from '@sms/contracts';
import type { ChannelControl, Maintenance } from '../domain/failover';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** A consumed `sms.channel-control.v1`, checked at the edge: a malformed one throws (retried, then dead-lettered). */
export function parseChannelControl(data: unknown): ChannelControl {
  const c = (isObject(data) ? data : {}) as Partial<Record<keyof ChannelControlV1, unknown>>;
  const problems = [
    typeof c.channelId === 'string' && c.channelId.length > 0 && c.channelId.length <= 64 ? undefined : 'channelId must be a string of 1–64 characters',
    typeof c.enabled === 'boolean' ? undefined : 'enabled must be a boolean',
    typeof c.paused === 'boolean' ? undefined : 'paused must be a boolean',
    isCount(c.tps) ? undefined : 'tps must be an integer ≥ 0',
    isCount(c.version) ? undefined : 'version must be an integer ≥ 0',
    isTime(c.changedAt) ? undefined : 'changedAt must be an RFC 3339 time',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid ${CHANNEL_CONTROL_V1} payload: ${problems.join('; ')}`);
  return { channelId: c.channelId as string, enabled: c.enabled as boolean, paused: c.paused as boolean, tps: c.tps as number, version: c.version as number };
}

/** A consumed `sms.maintenance.v1`, checked at the edge. */
export function parseMaintenance(data: unknown): Maintenance {
  const m = (isObject(data) ? data : {}) as Partial<Record<keyof MaintenanceV1, unknown>>;
  const problems = [
    typeof m.active === 'boolean' ? undefined : 'active must be a boolean',
    m.until === undefined || isTime(m.until) ? undefined : 'until must be an RFC 3339 time',
    isCount(m.version) ? undefined : 'version must be an integer ≥ 0',
    isTime(m.changedAt) ? undefined : 'changedAt must be an RFC 3339 time',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid ${MAINTENANCE_V1} payload: ${problems.join('; ')}`);
  return { active: m.active as boolean, ...(m.until !== undefined ? { untilMs: Date.parse(m.until as string) } : {}), version: m.version as number };
}
