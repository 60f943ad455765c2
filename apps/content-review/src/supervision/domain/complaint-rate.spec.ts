import { complaintRate } from './complaint-rate';

const settings = { windowHours: 24, thresholdPer10k: 10, minCount: 5 };
const now = new Date('2026-11-26T12:00:00Z');

describe('the complaint-rate rule (terms §3.4; ADR 0034)', () => {
  it('needs the minimum count however high the rate', () => {
    expect(complaintRate({ complaints: 4, messages: 10, now }, settings)).toEqual({ breached: false });
  });

  it('is breached strictly above the threshold per 10,000 messages', () => {
    expect(complaintRate({ complaints: 10, messages: 10_000, now }, settings)).toEqual({ breached: false });
    const verdict = complaintRate({ complaints: 11, messages: 10_000, now }, settings);
    expect(verdict).toMatchObject({ breached: true, perTenThousand: 11 });
    expect(verdict.breached && verdict.evidence).toMatch(/^11 complaints per 10,000 messages in 24 h/);
  });

  it('counts complaints with no messages as a breach once the minimum is met', () => {
    expect(complaintRate({ complaints: 5, messages: 0, now }, settings)).toMatchObject({ breached: true });
  });

  it('numbers the window the same for every moment in it, the next one differently', () => {
    const a = complaintRate({ complaints: 6, messages: 10, now: new Date('2026-11-26T00:00:00Z') }, settings);
    const b = complaintRate({ complaints: 6, messages: 10, now: new Date('2026-11-26T23:59:59Z') }, settings);
    const c = complaintRate({ complaints: 6, messages: 10, now: new Date('2026-11-27T00:00:00Z') }, settings);
    expect(a.breached && b.breached && c.breached).toBe(true);
    if (a.breached && b.breached && c.breached) {
      expect(a.windowIndex).toBe(b.windowIndex);
      expect(c.windowIndex).toBe(a.windowIndex + 1);
    }
  });
});
