import fc from 'fast-check';
import { canonicalOperatorId } from './operator-id';

/** Ids from a small alphabet, so that case variants, leading zeros and near-misses come up often. */
const idChars = fc.constantFrom(...'0123456789abcdefABCDEFxyzXYZ-_.: '.split(''));
const anyId = fc.string({ unit: idChars, maxLength: 12 });
const hexId = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), minLength: 1, maxLength: 20 });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const zeros = fc.integer({ min: 0, max: 4 }).map((n) => '0'.repeat(n));

/** Flips the case of ASCII letters at random. */
const recased = (id: string) => fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length }).map((flips) => [...id].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join(''));

/** The oracle: two text ids are the same when equal up to ASCII case, or both hex digits of one value. */
function sameText(a: string, b: string): boolean {
  const [x, y] = [a.trim().toLowerCase(), b.trim().toLowerCase()];
  const hex = /^[0-9a-f]+$/;
  if (hex.test(x) && hex.test(y)) return BigInt(`0x${x}`) === BigInt(`0x${y}`);
  return x === y;
}

describe('canonicalOperatorId', () => {
  it.each([
    ['00001A2B', 'hex', '6699'],
    ['0x1a2b', 'hex', '6699'],
    ['000123', 'decimal', '123'],
    ['18446744073709551615', 'decimal', '18446744073709551615'],
    ['FFFFFFFFFFFFFFFF', 'hex', '18446744073709551615'],
    ['0', 'decimal', '0'],
    ['0000', 'hex', '0'],
    [' 00AbC ', 'text', 'abc'],
    ['000', 'text', '0'],
    ['Msg-00A1', 'text', 'msg-00a1'],
    ['', 'text', ''],
  ] as const)('%j read as %s is %j', (id, base, canonical) => {
    expect(canonicalOperatorId(id, base)).toBe(canonical);
  });

  it.each([
    ['12a', 'decimal', '12a'],
    ['G12', 'hex', 'g12'],
    ['-5', 'decimal', '-5'],
    ['1 2', 'decimal', '1 2'],
  ] as const)('%j does not parse as %s: its text form', (id, base, canonical) => {
    expect(canonicalOperatorId(id, base)).toBe(canonical);
    expect(canonicalOperatorId(id, base)).toBe(canonicalOperatorId(id, 'text'));
  });

  it('does not fold non-ASCII letters (the Kelvin sign is not "k")', () => {
    expect(canonicalOperatorId('\u212A1', 'text')).not.toBe(canonicalOperatorId('k1', 'text'));
  });

  it('the hex and the decimal writing of one number meet, whatever their case and leading zeros', () => {
    fc.assert(
      fc.property(u64, zeros, zeros, fc.boolean(), (n, z1, z2, upper) => {
        const hex = z1 + (upper ? n.toString(16).toUpperCase() : n.toString(16));
        expect(canonicalOperatorId(hex, 'hex')).toBe(canonicalOperatorId(z2 + n.toString(10), 'decimal'));
        expect(canonicalOperatorId(hex, 'hex')).toBe(n.toString());
      }),
    );
  });

  it('two different numbers never meet', () => {
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        fc.pre(a !== b);
        expect(canonicalOperatorId(a.toString(16), 'hex')).not.toBe(canonicalOperatorId(b.toString(10), 'decimal'));
      }),
    );
  });

  it('case and leading zeros never matter, under any base', () => {
    fc.assert(
      fc.property(
        hexId.chain((id) => fc.tuple(fc.constant(id), recased(id), zeros)),
        fc.constantFrom('text' as const, 'hex' as const),
        ([id, other, z], base) => {
          expect(canonicalOperatorId(z + other, base)).toBe(canonicalOperatorId(id, base));
        },
      ),
    );
    fc.assert(fc.property(anyId.chain((id) => fc.tuple(fc.constant(id), recased(id))), ([id, other]) => expect(canonicalOperatorId(other, 'text')).toBe(canonicalOperatorId(id, 'text'))));
  });

  it('text ids meet exactly when they are equal up to case (and, for hex digits, leading zeros)', () => {
    fc.assert(
      fc.property(anyId, anyId, (a, b) => {
        expect(canonicalOperatorId(a, 'text') === canonicalOperatorId(b, 'text')).toBe(sameText(a, b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('text ids that differ in one character other than by case never meet', () => {
    const differing = fc
      .tuple(anyId, idChars, idChars, anyId)
      .filter(([, x, y]) => x.toLowerCase() !== y.toLowerCase())
      .map(([before, x, y, after]) => [`${before}${x}${after}`, `${before}${y}${after}`] as const)
      // A leading zero, or a trailing or leading space, is a difference the canonical form drops on purpose.
      .filter(([a, b]) => !sameText(a, b));
    fc.assert(fc.property(differing, ([a, b]) => expect(canonicalOperatorId(a, 'text')).not.toBe(canonicalOperatorId(b, 'text'))));
  });

  it('is idempotent: the canonical form read as text is itself', () => {
    fc.assert(
      fc.property(anyId, fc.constantFrom('text' as const, 'decimal' as const, 'hex' as const), (id, base) => {
        const canonical = canonicalOperatorId(id, base);
        expect(canonicalOperatorId(canonical, base === 'hex' ? 'decimal' : base)).toBe(canonical);
      }),
    );
  });
});
