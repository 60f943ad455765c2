import { deterministicId, newTimeOrderedId } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newTimeOrderedId', () => {
  it('is a UUID v7 whose first 48 bits are the time in milliseconds', () => {
    const id = newTimeOrderedId(0x0192_3456_789a);
    expect(id).toMatch(UUID);
    expect(id[14]).toBe('7');
    expect(id.slice(0, 13).replace('-', '')).toBe('01923456789a');
  });

  it('sorts ids of later milliseconds after earlier ones, and never repeats', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newTimeOrderedId(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => newTimeOrderedId(1_700_000_000_000))).size).toBe(10_000);
  });

  it('sorts ids made within one millisecond in the order they were made (the counter), as a batch needs', () => {
    const now = Date.now() + 60_000;
    const ids = Array.from({ length: 5_000 }, () => newTimeOrderedId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => id.slice(0, 13).replace('-', '') === now.toString(16).padStart(12, '0'))).toBe(true);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
  });

  it('never goes back when the clock does', () => {
    const later = newTimeOrderedId(Date.now() + 120_000);
    const earlier = newTimeOrderedId(Date.now());
    expect(earlier > later).toBe(true);
    expect(earlier.slice(0, 13)).toBe(later.slice(0, 13));
  });
});

describe('deterministicId', () => {
  it('derives the same UUID from the same parts, and another from other parts', () => {
    expect(deterministicId('a', 'b')).toMatch(UUID);
    expect(deterministicId('a', 'b')).toBe(deterministicId('a', 'b'));
    expect(deterministicId('a', 'b')).not.toBe(deterministicId('ab'));
  });
});
