import { batchTag, decodeSendLog, DEFAULT_FREQUENCY_LIMITS, encodeSendLog, FrequencyPolicy, parseFrequencyLimits, type SendRecord } from './frequency-limits';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseFrequencyLimits (FREQUENCY_LIMITS)', () => {
  it('reads the default: verification 1/min, 5/h, 10/day; any kind 50/day', () => {
    expect(parseFrequencyLimits(DEFAULT_FREQUENCY_LIMITS)).toEqual({
      ok: true,
      limits: [
        { kind: 'verification', count: 1, windowMs: MINUTE, label: 'verification 1/1m' },
        { kind: 'verification', count: 5, windowMs: HOUR, label: 'verification 5/1h' },
        { kind: 'verification', count: 10, windowMs: DAY, label: 'verification 10/1d' },
        { kind: '*', count: 50, windowMs: DAY, label: '* 50/1d' },
      ],
    });
  });

  it('takes seconds, spaces, and off or nothing for no limit at all', () => {
    expect(parseFrequencyLimits(' marketing : 2/30s , 3/2h ')).toMatchObject({ ok: true, limits: [{ windowMs: 30_000, count: 2 }, { windowMs: 2 * HOUR, count: 3 }] });
    expect(parseFrequencyLimits('off')).toEqual({ ok: true, limits: [] });
    expect(parseFrequencyLimits('')).toEqual({ ok: true, limits: [] });
  });

  it.each([
    ['verification', 'not kind:count/window'],
    ['telegram:1/1m', 'neither * nor a message kind'],
    ['verification:1/1w', 'not count/window'],
    ['verification:0/1m', 'count must be'],
    ['verification:1/0s', 'window must be'],
    ['verification:1/32d', 'window must be'],
    ['verification:1/1m;', 'not kind:count/window'],
  ])('refuses %s, saying why', (text, why) => {
    const parsed = parseFrequencyLimits(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.detail).toContain(why);
  });

  it('stops a start with a wrong value, naming the setting', () => {
    expect(() => FrequencyPolicy.parse('verification:1')).toThrow('FREQUENCY_LIMITS');
  });
});

describe('FrequencyPolicy: one recipient’s log — the harassment guard (DOMAIN §3; terms §3.4–3.7)', () => {
  const policy = FrequencyPolicy.parse(DEFAULT_FREQUENCY_LIMITS);
  /** Takes one send after another from an empty log; the outcome of each. */
  const sendAt = (kind: 'verification' | 'notification', times: number[], log: SendRecord[] = []) =>
    times.map((at, i) => {
      const outcome = policy.take(log, kind, at, `b${i}`);
      log = outcome.log;
      return outcome.ok ? 'ok' : outcome.limited;
    });

  it('is a sliding window: two codes a second apart across a clock minute are one too many', () => {
    expect(sendAt('verification', [T0 + 59_000, T0 + 60_000, T0 + 119_000])).toEqual([
      'ok',
      { limit: 'verification 1/1m', freeAt: '2026-11-23T10:01:59.000Z' },
      'ok',
    ]);
  });

  it('names the limit that frees up last when several are reached', () => {
    // Five codes within the hour, the sixth a second after the fifth: 1/1m frees in 59 s, 5/1h in an hour.
    const outcomes = sendAt('verification', [T0, T0 + 2 * MINUTE, T0 + 4 * MINUTE, T0 + 6 * MINUTE, T0 + 8 * MINUTE, T0 + 8 * MINUTE + 1000]);
    expect(outcomes.at(-1)).toEqual({ limit: 'verification 5/1h', freeAt: '2026-11-23T11:00:00.000Z' });
  });

  it('counts only the kinds a limit names: notices do not use up the codes’ limits, but do count for *', () => {
    let log: SendRecord[] = [];
    for (let i = 0; i < 49; i++) log = policy.take(log, 'notification', T0 + i, `n${i}`).log;
    expect(policy.take(log, 'verification', T0 + 100, 'v').ok).toBe(true);
    const full = policy.take(log, 'verification', T0 + 100, 'v').log;
    expect(policy.take(full, 'notification', T0 + 200, 'n')).toMatchObject({ ok: false, limited: { limit: '* 50/1d' } });
  });

  it('keeps a send only as long as a limit counts it, and says when the log is empty of counted sends', () => {
    const log = policy.take([], 'verification', T0, 'b').log;
    expect(policy.expiresAt(log)).toBe(T0 + DAY);
    expect(policy.prune(log, T0 + DAY - 1)).toHaveLength(1);
    expect(policy.prune(log, T0 + DAY)).toEqual([]);
    const onlyCodes = FrequencyPolicy.parse('verification:1/1m');
    expect(onlyCodes.counts('notification')).toBe(false);
    expect(onlyCodes.take([], 'notification', T0, 'b')).toEqual({ ok: true, counted: false, log: [] });
    expect(onlyCodes.expiresAt(onlyCodes.take([], 'verification', T0, 'b').log)).toBe(T0 + MINUTE);
  });

  it('counts a batch once: its second take passes uncounted, even over a limit', () => {
    const first = policy.take([], 'verification', T0, 'b1');
    expect(first).toMatchObject({ ok: true, counted: true });
    expect(policy.take(first.log, 'verification', T0 + 1000, 'b1')).toEqual({ ok: true, counted: false, log: first.log });
    expect(policy.take(first.log, 'verification', T0 + 1000, 'b2')).toMatchObject({ ok: false });
  });

  it('gives back the send of one batch and kind, and nothing else', () => {
    let log = policy.take([], 'verification', T0, 'b1').log;
    log = policy.take(log, 'notification', T0 + 1000, 'b2').log;
    expect(policy.giveBack(log, 'verification', 'b2')).toEqual(log);
    expect(policy.giveBack(log, 'notification', 'b2')).toEqual([{ at: T0, kind: 'V', batch: 'b1' }]);
  });

  it('keeps the log in time order when a clock ran behind', () => {
    const log = policy.take([{ at: T0 + 5000, kind: 'N', batch: 'x' }], 'notification', T0, 'y').log;
    expect(log.map((r) => r.at)).toEqual([T0, T0 + 5000]);
  });

  it('stores a log compactly and reads it back', () => {
    const log: SendRecord[] = [
      { at: T0, kind: 'V', batch: batchTag('0b9f1c4e-5d7a-5a31-9d2e-1f6c8e2a7b40') },
      { at: T0 + 1, kind: 'N', batch: batchTag('another') },
    ];
    expect(encodeSendLog(log)).toMatch(/^[0-9a-z]+V[0-9a-z]{1,7} [0-9a-z]+N[0-9a-z]{1,7}$/);
    expect(decodeSendLog(encodeSendLog(log))).toEqual(log);
    expect(decodeSendLog('')).toEqual([]);
    expect(batchTag('b-1')).not.toBe(batchTag('b-2'));
  });
});
