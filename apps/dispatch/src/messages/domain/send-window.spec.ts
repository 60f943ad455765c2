import { formatSendWindow, isInsideWindow, nextWindowOpening, parseSendWindow, type SendWindow, timeZoneOf, windowOpening } from './send-window';

const DEFAULT = parseSendWindow('08:00-21:00') as SendWindow;
const SHANGHAI = 'Asia/Shanghai';
/** A Shanghai wall-clock time (UTC+8 all year) as an instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('parseSendWindow (MARKETING_SEND_WINDOW)', () => {
  it('reads HH:MM-HH:MM as minutes after local midnight; 24:00 is the end of the day', () => {
    expect(DEFAULT).toEqual({ opens: 8 * 60, closes: 21 * 60 });
    expect(parseSendWindow('22:00-06:00')).toEqual({ opens: 22 * 60, closes: 6 * 60 });
    expect(parseSendWindow('00:00-24:00')).toEqual({ opens: 0, closes: 24 * 60 });
    expect(formatSendWindow(parseSendWindow('09:30-24:00') as SendWindow)).toBe('09:30-24:00');
  });

  it.each(['8:00-21:00', '08:00-21:60', '24:00-08:00', '08:00-24:01', '08:00-08:00', '08:00–21:00', 'always'])('refuses %s', (text) => {
    expect(parseSendWindow(text)).toBeUndefined();
  });
});

describe('the marketing send window in the recipient’s local time, Asia/Shanghai (DOMAIN §1; terms §1)', () => {
  it.each([
    ['07:59:59', false],
    ['08:00:00', true],
    ['20:59:59', true],
    ['21:00:00', false],
    ['00:00:00', false],
  ])('at %s local it is %s', (time, open) => {
    expect(isInsideWindow(DEFAULT, shanghai(`2026-11-23T${time}`), SHANGHAI)).toBe(open);
  });

  it('waits from 07:59 for 08:00 the same day', () => {
    expect(nextWindowOpening(DEFAULT, shanghai('2026-11-23T07:59:00'), SHANGHAI)?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('sends at 08:00 and 20:59 at once', () => {
    expect(nextWindowOpening(DEFAULT, shanghai('2026-11-23T08:00:00'), SHANGHAI)).toBeUndefined();
    expect(nextWindowOpening(DEFAULT, shanghai('2026-11-23T20:59:00'), SHANGHAI)).toBeUndefined();
  });

  it('waits from 21:00 for 08:00 the next day, across a month’s and a year’s end', () => {
    expect(nextWindowOpening(DEFAULT, shanghai('2026-11-23T21:00:00'), SHANGHAI)?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(nextWindowOpening(DEFAULT, shanghai('2026-11-30T23:30:00'), SHANGHAI)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(nextWindowOpening(DEFAULT, shanghai('2026-12-31T22:00:00'), SHANGHAI)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('reckons in the recipient’s zone, not the server’s: 23:30 UTC is 07:30 in Shanghai', () => {
    expect(nextWindowOpening(DEFAULT, new Date('2026-11-23T23:30:00Z'), SHANGHAI)?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(nextWindowOpening(DEFAULT, new Date('2026-11-23T23:30:00Z'), 'UTC')?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('wraps midnight for a window like 22:00-06:00', () => {
    const night = parseSendWindow('22:00-06:00') as SendWindow;
    expect(isInsideWindow(night, shanghai('2026-11-23T23:00:00'), SHANGHAI)).toBe(true);
    expect(isInsideWindow(night, shanghai('2026-11-24T05:59:00'), SHANGHAI)).toBe(true);
    expect(isInsideWindow(night, shanghai('2026-11-24T06:00:00'), SHANGHAI)).toBe(false);
    expect(nextWindowOpening(night, shanghai('2026-11-24T06:00:00'), SHANGHAI)?.toISOString()).toBe(shanghai('2026-11-24T22:00:00').toISOString());
    expect(nextWindowOpening(night, shanghai('2026-11-24T21:59:00'), SHANGHAI)?.toISOString()).toBe(shanghai('2026-11-24T22:00:00').toISOString());
  });

  it('is always open as 00:00-24:00', () => {
    const always = parseSendWindow('00:00-24:00') as SendWindow;
    for (const time of ['00:00:00', '12:00:00', '23:59:59']) expect(nextWindowOpening(always, shanghai(`2026-11-23T${time}`), SHANGHAI)).toBeUndefined();
  });
});

describe('the window in a zone with daylight saving time', () => {
  const NEW_YORK = 'America/New_York';

  it('opens at 08:00 local after the clocks went forward overnight (EST -5 → EDT -4)', () => {
    // Saturday 2026-03-07 22:00 EST; the clocks go forward at 02:00 on Sunday the 8th.
    expect(nextWindowOpening(DEFAULT, new Date('2026-03-08T03:00:00Z'), NEW_YORK)?.toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('opens at 08:00 local after the clocks went back overnight (EDT -4 → EST -5)', () => {
    expect(nextWindowOpening(DEFAULT, new Date('2026-11-01T02:00:00Z'), NEW_YORK)?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(isInsideWindow(DEFAULT, new Date('2026-11-01T12:59:00Z'), NEW_YORK)).toBe(false);
    expect(isInsideWindow(DEFAULT, new Date('2026-11-01T13:00:00Z'), NEW_YORK)).toBe(true);
  });

  it('opens a window that starts inside the skipped hour as much later as the gap is long', () => {
    const early = parseSendWindow('02:30-21:00') as SendWindow;
    // 01:00 EST on the 8th; 02:30 does not exist that night: 03:30 EDT.
    expect(nextWindowOpening(early, new Date('2026-03-08T06:00:00Z'), NEW_YORK)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('windowOpening: a batch’s recipients by country', () => {
  it('takes China’s zone for CN and UTC for a country it does not know', () => {
    expect(timeZoneOf('CN')).toBe('Asia/Shanghai');
    expect(timeZoneOf('ZZ')).toBe('UTC');
  });

  it('waits for the latest opening among the recipients’ zones; undefined when inside all', () => {
    const at = new Date('2026-11-23T23:30:00Z'); // 07:30 in Shanghai, 23:30 in UTC
    expect(windowOpening(DEFAULT, at, ['CN', 'CN'])?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(windowOpening(DEFAULT, at, ['CN', 'GB'])?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(windowOpening(DEFAULT, new Date('2026-11-24T02:00:00Z'), ['CN'])).toBeUndefined();
  });
});
