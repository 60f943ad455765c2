import { Throttle } from './throttle';

/** A hand-moved clock: the throttle only reads time, it never sets timers. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function takeAll(throttle: Throttle): number {
  let taken = 0;
  while (throttle.tryTake()) taken++;
  return taken;
}

describe('Throttle', () => {
  describe('TPS cap (token bucket)', () => {
    it('lets a full bucket go at once, then one send per 1/tps seconds', () => {
      const time = clock();
      const throttle = new Throttle({ tps: 100, burst: 5, now: time.now });

      expect(takeAll(throttle)).toBe(5);
      expect(throttle.waitMs()).toBe(10);
      time.advance(9);
      expect(throttle.tryTake()).toBe(false);
      time.advance(1);
      expect(throttle.tryTake()).toBe(true);
      expect(throttle.tryTake()).toBe(false);
    });

    it('sends no more than tps + burst in any second, however often it is asked', () => {
      const time = clock();
      const throttle = new Throttle({ tps: 200, burst: 10, now: time.now });
      let sent = 0;
      for (let ms = 0; ms < 1_000; ms++) {
        sent += takeAll(throttle);
        time.advance(1);
      }
      expect(sent).toBeGreaterThanOrEqual(200);
      expect(sent).toBeLessThanOrEqual(210);
    });

    it('does not save up more than the bucket while idle', () => {
      const time = clock();
      const throttle = new Throttle({ tps: 10, burst: 3, now: time.now });
      takeAll(throttle);
      time.advance(60_000);
      expect(takeAll(throttle)).toBe(3);
    });

    it('defaults the bucket to 50 ms worth of the rate, at least one', () => {
      expect(new Throttle({ tps: 1_000 }).burst).toBe(50);
      expect(new Throttle({ tps: 5 }).burst).toBe(1);
    });

    it('has no cap without a tps', () => {
      const throttle = new Throttle({ now: clock().now });
      for (let i = 0; i < 10_000; i++) expect(throttle.tryTake()).toBe(true);
      expect(throttle.waitMs()).toBe(0);
    });

    it('refuses a rate or bucket that cannot work', () => {
      expect(() => new Throttle({ tps: 0 })).toThrow(RangeError);
      expect(() => new Throttle({ tps: 10, burst: 0.5 })).toThrow(RangeError);
      expect(() => new Throttle({ backoffMs: [500, 100] })).toThrow(RangeError);
    });
  });

  describe('back-off after throttling answers', () => {
    it('pauses every send, doubling while the answers keep saying so, up to the bound', () => {
      const time = clock();
      const throttle = new Throttle({ backoffMs: [100, 500], now: time.now });

      expect([1, 2, 3, 4, 5].map(() => throttle.backOff())).toEqual([100, 200, 400, 500, 500]);
      expect(throttle.tryTake()).toBe(false);
      expect(throttle.waitMs()).toBe(500);
      time.advance(500);
      expect(throttle.tryTake()).toBe(true);
    });

    it('starts again from the first step once a send is accepted', () => {
      const time = clock();
      const throttle = new Throttle({ backoffMs: [100, 5_000], now: time.now });
      throttle.backOff();
      throttle.backOff();
      throttle.recovered();
      expect(throttle.backOff()).toBe(100);
    });

    it('never shortens a pause already running', () => {
      const time = clock();
      const throttle = new Throttle({ backoffMs: [100, 1_000], now: time.now });
      for (let i = 0; i < 4; i++) throttle.backOff(); // 800 ms pause
      throttle.recovered();
      throttle.backOff(); // 100 ms from now: inside the running pause
      expect(throttle.waitMs()).toBe(800);
    });

    it('waits for the longer of the pause and the next token', () => {
      const time = clock();
      const throttle = new Throttle({ tps: 1, burst: 1, backoffMs: [100, 100], now: time.now });
      expect(throttle.tryTake()).toBe(true);
      throttle.backOff();
      expect(throttle.waitMs()).toBe(1_000);
      time.advance(1_000);
      expect(throttle.tryTake()).toBe(true);
    });
  });
});
