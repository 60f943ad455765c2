import { PendingCharges } from './pending-charges';

/* DOMAIN §4 Arrears (§7.2, §7.3.3): what this process accepted and no balance report shows yet (ADR 0027). */

describe('PendingCharges', () => {
  let now = 0;
  const pending = () => new PendingCharges(60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('holds each accepted batch once, per account', () => {
    const charges = pending();
    charges.hold('b-1', 'acc-1', 1_350, 4);
    charges.hold('b-1', 'acc-1', 1_350, 4);
    charges.hold('b-2', 'acc-1', 450, 4);
    charges.hold('b-3', 'acc-2', 900, 1);
    charges.hold('b-4', 'acc-2', 0, 1);
    expect(charges.of('acc-1')).toBe(1_800);
    expect(charges.of('acc-2')).toBe(900);
    expect(charges.of('acc-3')).toBe(0);
  });

  it('lets a batch go when a report of a later revision than the one it was decided against arrives — not one of the same or an earlier', () => {
    const charges = pending();
    charges.hold('b-1', 'acc-1', 1_350, 4);
    charges.hold('b-2', 'acc-1', 450, 6);
    charges.balanceReported('acc-1', 4);
    expect(charges.of('acc-1')).toBe(1_800);
    charges.balanceReported('acc-1', 5);
    expect(charges.of('acc-1')).toBe(450);
    // Another account's report lets nothing of this one go.
    charges.balanceReported('acc-2', 99);
    expect(charges.of('acc-1')).toBe(450);
    charges.balanceReported('acc-1', 7);
    expect(charges.of('acc-1')).toBe(0);
  });

  it('lets go of batches held out of revision order (two sends that read the view a report apart)', () => {
    const charges = pending();
    charges.hold('b-late-reader', 'acc-1', 100, 6);
    charges.hold('b-early-reader', 'acc-1', 200, 5);
    charges.balanceReported('acc-1', 6);
    expect(charges.of('acc-1')).toBe(100);
  });

  it("counts a held message released by a reviewer nowhere twice, and never goes below zero (ADR 0036)", () => {
    const charges = pending();
    // b-1 all held: screening cleared none, so its estimate is let go at once.
    charges.hold('b-1', 'acc-1', 900, 4);
    charges.hold('b-2', 'acc-1', 450, 4);
    charges.release('b-1');
    expect(charges.of('acc-1')).toBe(450);
    // A reviewer releases one of b-1: nothing is held for it here (billing reserves it; the report of that reservation
    // shows it), and a release or report of a batch no longer held takes nothing away.
    charges.balanceReported('acc-1', 5);
    expect(charges.of('acc-1')).toBe(0);
    charges.release('b-1');
    charges.release('b-2');
    charges.balanceReported('acc-1', 6);
    expect(charges.of('acc-1')).toBe(0);
    charges.hold('b-3', 'acc-1', 300, 6);
    expect(charges.of('acc-1')).toBe(300);
  });

  it('releases a batch nothing of which will be reserved, and only that batch', () => {
    const charges = pending();
    charges.hold('b-1', 'acc-1', 1_350, 4);
    charges.hold('b-2', 'acc-1', 450, 4);
    charges.release('b-1');
    charges.release('b-1');
    charges.release('unknown');
    expect(charges.of('acc-1')).toBe(450);
    // Released, it may be held again (an append retried under the same batch id).
    charges.hold('b-1', 'acc-1', 1_350, 4);
    expect(charges.of('acc-1')).toBe(1_800);
  });

  it('forgets a batch no report has shown after the time to live', () => {
    const charges = pending();
    charges.hold('b-1', 'acc-1', 1_350, 4);
    now += 30_000;
    charges.hold('b-2', 'acc-1', 450, 4);
    now += 29_999;
    expect(charges.of('acc-1')).toBe(1_800);
    now += 1;
    expect(charges.of('acc-1')).toBe(450);
    now += 30_000;
    expect(charges.of('acc-1')).toBe(0);
    // Forgotten, a late release changes nothing.
    charges.release('b-2');
    expect(charges.of('acc-1')).toBe(0);
  });
});
