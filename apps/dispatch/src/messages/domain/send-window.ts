/**
 * The marketing send window (DOMAIN §1, §3): marketing reaches a recipient only between `opens` and `closes` of the
 * recipient's local time, opening time included, closing time not. A window may wrap midnight (`22:00-06:00`);
 * `00:00-24:00` is always open. Zone arithmetic through `Intl.DateTimeFormat` (the IANA database Node ships).
 */
export interface SendWindow {
  /** Minutes after local midnight: 0–1439. */
  opens: number;
  /** Minutes after local midnight: 0–1440 (24:00 = the end of the day). */
  closes: number;
}

export const DEFAULT_MARKETING_SEND_WINDOW = '08:00-21:00';

/** Recipients' local time by country (ISO 3166 alpha-2); any other country is reckoned in UTC. */
export const RECIPIENT_TIME_ZONES: Readonly<Record<string, string>> = { CN: 'Asia/Shanghai' };

export const timeZoneOf = (countryCode: string): string => RECIPIENT_TIME_ZONES[countryCode] ?? 'UTC';

const DAY_MINUTES = 24 * 60;

/** `HH:MM-HH:MM`, e.g. `08:00-21:00`; undefined when it is not one, or opens and closes at the same time. */
export function parseSendWindow(text: string): SendWindow | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  const opens = Number(match[1]) * 60 + Number(match[2]);
  const closes = Number(match[3]) * 60 + Number(match[4]);
  if (closes > DAY_MINUTES || opens === closes) return undefined;
  return { opens, closes };
}

export function formatSendWindow(window: SendWindow): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hhmm(window.opens)}-${hhmm(window.closes)}`;
}

/** Whether `at` falls inside the window in `timeZone`. */
export function isInsideWindow(window: SendWindow, at: Date, timeZone: string): boolean {
  const wall = wallClock(at.getTime(), timeZone);
  return inside(window, wall.hour * 60 + wall.minute);
}

/**
 * The instant the window next opens in `timeZone`, or undefined when `at` is inside it. A window that opens at a
 * local time a DST change skips opens as much later as the gap is long (02:30 in a 02:00→03:00 gap: 03:30).
 */
export function nextWindowOpening(window: SendWindow, at: Date, timeZone: string): Date | undefined {
  const wall = wallClock(at.getTime(), timeZone);
  const minute = wall.hour * 60 + wall.minute;
  if (inside(window, minute)) return undefined;
  // Outside: before the opening today, or (past the closing of a window that does not wrap) the opening tomorrow.
  const day = minute < window.opens ? wall.day : wall.day + 1;
  const opening = instantOf({ year: wall.year, month: wall.month, day, hour: Math.floor(window.opens / 60), minute: window.opens % 60 }, timeZone);
  return new Date(Math.max(opening, at.getTime()));
}

/** When a batch to recipients in these countries may go out, asked for `at`: the latest of their windows' openings, or undefined when `at` is inside every one. */
export function windowOpening(window: SendWindow, at: Date, countryCodes: Iterable<string>): Date | undefined {
  let latest: Date | undefined;
  for (const zone of new Set([...countryCodes].map(timeZoneOf))) {
    const opening = nextWindowOpening(window, at, zone);
    if (opening && (!latest || opening > latest)) latest = opening;
  }
  return latest;
}

function inside(window: SendWindow, minute: number): boolean {
  return window.opens < window.closes ? minute >= window.opens && minute < window.closes : minute >= window.opens || minute < window.closes;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date and time at `epochMs` in `timeZone`. */
function wallClock(epochMs: number, timeZone: string): WallClock {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at `epochMs`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a local time names in `timeZone` (`day` may run past the month's end: Date.UTC carries it over). */
function instantOf(local: Omit<WallClock, 'second'>, timeZone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  // In a DST gap the two guesses disagree and neither names the local time: the later one is it pushed past the gap.
  return Math.max(first, second);
}
