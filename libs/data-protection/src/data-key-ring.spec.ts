import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { SealedDataError } from './aes-gcm';
import { BLIND_INDEX_KEY_ID, BlindIndex } from './blind-index';
import { DataKeyRing, EpochLengthChangedError, UNATTRIBUTED } from './data-key-ring';
import { DataKeyDestroyedError, InMemoryDataKeyStore } from './data-key-store';
import { aesKeyEncryptionKey, WrongKeyEncryptionKeyError } from './key-encryption-key';

const kek = aesKeyEncryptionKey(randomBytes(32));

describe('DataKeyRing', () => {
  const fresh = (options = {}) => {
    const store = new InMemoryDataKeyStore();
    return { store, ring: new DataKeyRing(kek, store, options) };
  };

  it('round-trips any text, for any account, and never seals the same text the same way twice', () => {
    const { ring } = fresh();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('acc-1', 'acc-2', UNATTRIBUTED), (text, account) => {
        const sealed = ring.seal(account, text);
        expect(ring.isSealed(sealed)).toBe(true);
        expect(sealed).not.toBe(ring.seal(account, text));
        expect(ring.open(account, sealed)).toBe(text);
      }),
    );
  });

  it('does not show the text, names the epoch it was sealed in (or the lifetime key), and tells sealed values from plain ones', () => {
    const { ring } = fresh({ epochMs: 1000, now: () => 12_345 });
    const sealed = ring.seal('acc-1', '+8613800138000');
    expect(sealed).toMatch(/^pd2\.12\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('13800138000');
    expect(ring.seal('acc-1', 'ops@acme.test', { lifetime: true })).toMatch(/^pd1\.[A-Za-z0-9_-]+$/);
    expect(DataKeyRing.isSealed(sealed)).toBe(true);
    expect(DataKeyRing.isSealed('+8613800138000')).toBe(false);
    expect(DataKeyRing.isSealed(undefined)).toBe(false);
  });

  it('refuses a tampered value, its epoch changed included', () => {
    const { ring } = fresh({ epochMs: 1000, now: () => 12_345 });
    for (const lifetime of [false, true]) {
      const sealed = ring.seal('acc-1', 'hello', { lifetime });
      const head = sealed.slice(0, sealed.lastIndexOf('.') + 1);
      const bytes = Buffer.from(sealed.slice(head.length), 'base64url');
      for (const index of [0, 12, 28, bytes.length - 1]) {
        const altered = Buffer.from(bytes);
        altered[index] ^= 1;
        expect(() => ring.open('acc-1', `${head}${altered.toString('base64url')}`)).toThrow(SealedDataError);
      }
      expect(() => ring.open('acc-1', `${head}AAAA`)).toThrow(SealedDataError);
    }
    const sealed = ring.seal('acc-1', 'hello');
    ring.seal('acc-1', 'x');
    // Relabelled as another epoch whose key exists: the key and the associated data both differ.
    expect(() => ring.open('acc-1', sealed.replace('pd2.12.', 'pd2.x.'))).toThrow(SealedDataError);
    expect(() => ring.open('acc-1', sealed.replace('pd2.12.', 'pd2.11.'))).toThrow(/No data key/);
  });

  it("refuses a value sealed for another account, even when it is moved to that account's row", () => {
    const { ring } = fresh();
    ring.seal('acc-2', 'theirs');
    expect(() => ring.open('acc-2', ring.seal('acc-1', 'mine'))).toThrow(SealedDataError);
  });

  it('gives each account its own key, wrapped and bound to the account', () => {
    const { ring, store } = fresh();
    ring.seal('acc-1', 'x', { lifetime: true });
    ring.seal('acc-2', 'x', { lifetime: true });
    const [one, two] = [store.get('acc-1') as string, store.get('acc-2') as string];
    expect(one).not.toBe(two);
    expect(one.startsWith(`${kek.id}.`)).toBe(true);
    expect(kek.unwrap(one, 'acc-1')).toHaveLength(32);
    expect(() => kek.unwrap(one, 'acc-2')).toThrow(SealedDataError);
  });

  it('after destruction: open answers undefined, sealing throws, and a new key is never made, lifetime or epoch', () => {
    let now = 5_000;
    const { ring, store } = fresh({ epochMs: 1000, now: () => now });
    const sealed = [ring.seal('acc-1', 'bye'), ring.seal('acc-1', 'profile', { lifetime: true })];
    ring.destroy('acc-1');
    expect(sealed.map((value) => ring.open('acc-1', value))).toEqual([undefined, undefined]);
    expect(() => ring.seal('acc-1', 'again')).toThrow(DataKeyDestroyedError);
    expect(() => ring.seal('acc-1', 'again', { lifetime: true })).toThrow(DataKeyDestroyedError);
    now = 1_000_000;
    expect(() => ring.seal('acc-1', 'much later')).toThrow(DataKeyDestroyedError);
    expect(store.get('acc-1')).toBeUndefined();
    // Another process's ring, which never cached the key, sees the same.
    const elsewhere = new DataKeyRing(kek, store, { epochMs: 1000 });
    expect(sealed.map((value) => elsewhere.open('acc-1', value))).toEqual([undefined, undefined]);
    expect(() => elsewhere.seal('acc-1', 'again')).toThrow(DataKeyDestroyedError);
  });

  it('seals with the key of the current epoch: a new epoch, a new key; each cached, so sealing reads no store', () => {
    let now = 10_500;
    const store = new InMemoryDataKeyStore();
    const reads = { count: 0 };
    const counting = new Proxy(store, {
      get: (target, name) => {
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? (...args: unknown[]) => ((reads.count += 1), value.apply(target, args)) : value;
      },
    });
    const ring = new DataKeyRing(kek, counting, { epochMs: 1000, now: () => now });
    const first = ring.seal('acc-1', 'one');
    const after = reads.count;
    for (let i = 0; i < 100; i++) ring.seal('acc-1', 'again');
    expect(reads.count).toBe(after);
    now = 11_000;
    const second = ring.seal('acc-1', 'two');
    expect([first.split('.')[1], second.split('.')[1]]).toEqual(['10', '11']);
    expect(store.getEpoch('acc-1', 10)).not.toBe(store.getEpoch('acc-1', 11));
    expect([ring.open('acc-1', first), ring.open('acc-1', second)]).toEqual(['one', 'two']);
  });

  it('retention: destroys the epochs that ended by a time, and only those; lifetime data and later epochs stay readable', () => {
    let now = 10_000;
    const { ring, store } = fresh({ epochMs: 1000, now: () => now });
    const profile = ring.seal('acc-1', 'ops@acme.test', { lifetime: true });
    const sealed: string[] = [];
    for (const at of [10_000, 10_999, 11_000, 12_500]) {
      now = at;
      sealed.push(ring.seal('acc-1', `at ${at}`));
    }
    const theirs = ring.seal('acc-2', 'theirs');
    // Epoch 11 ends at 12,000: destroyed with 10; epoch 12 has not ended by 12,000.
    ring.destroyBefore('acc-1', 12_000);
    expect(sealed.map((value) => ring.open('acc-1', value))).toEqual([undefined, undefined, undefined, 'at 12500']);
    expect(ring.open('acc-1', profile)).toBe('ops@acme.test');
    expect(ring.open('acc-2', theirs)).toBe('theirs');
    expect(ring.seal('acc-1', 'still sealing')).toMatch(/^pd2\.12\./);
    // A time inside an epoch destroys only the epochs before it.
    ring.destroyBefore('acc-1', 12_999);
    expect(ring.open('acc-1', sealed[3])).toBe('at 12500');
    expect(store.epochFloor('acc-1')).toBe(12);
    // Another ring on the store, which never cached the keys, sees the same.
    const elsewhere = new DataKeyRing(kek, store, { epochMs: 1000, now: () => now });
    expect(sealed.map((value) => elsewhere.open('acc-1', value))).toEqual([undefined, undefined, undefined, 'at 12500']);
    expect(() => ring.destroyBefore(BLIND_INDEX_KEY_ID, 12_000)).toThrow(/platform key/);
    ring.destroyBefore(UNATTRIBUTED, 12_000);
  });

  it('a ring that cached an epoch key learns of a retention elsewhere when told (forget)', () => {
    const store = new InMemoryDataKeyStore();
    const now = () => 10_000;
    const here = new DataKeyRing(kek, store, { epochMs: 1000, now });
    const there = new DataKeyRing(kek, store, { epochMs: 1000, now });
    const sealed = here.seal('acc-1', 'old');
    there.destroyBefore('acc-1', 11_000);
    expect(here.open('acc-1', sealed)).toBe('old');
    here.forget('acc-1');
    expect(here.open('acc-1', sealed)).toBeUndefined();
  });

  it('reads values sealed before epochs existed (pd1, the lifetime key)', () => {
    const store = new InMemoryDataKeyStore();
    const before = new DataKeyRing(kek, store).seal('acc-1', 'written earlier', { lifetime: true });
    expect(new DataKeyRing(kek, store).open('acc-1', before)).toBe('written earlier');
  });

  it('refuses to start with another epoch length than its store was numbered by', () => {
    const store = new InMemoryDataKeyStore();
    new DataKeyRing(kek, store, { epochMs: 2000 });
    expect(() => new DataKeyRing(kek, store, { epochMs: 1000 })).toThrow(EpochLengthChangedError);
    expect(() => new DataKeyRing(kek, store)).toThrow(/DATA_KEY_EPOCH_DAYS/);
    expect(new DataKeyRing(kek, store, { epochMs: 2000 }).epochMs).toBe(2000);
  });

  it('refuses an epoch shorter than a second', () => {
    expect(() => fresh({ epochMs: 10 })).toThrow(RangeError);
  });

  it('a ring that cached the key learns of a destruction elsewhere when told (forget) or when its cache expires', () => {
    let now = 0;
    const store = new InMemoryDataKeyStore();
    const here = new DataKeyRing(kek, store, { cacheTtlMs: 1000, now: () => now });
    const there = new DataKeyRing(kek, store, { now: () => now });
    const [a, b] = [here.seal('acc-1', 'a'), here.seal('acc-2', 'b', { lifetime: true })];
    there.destroy('acc-1');
    there.destroy('acc-2');
    expect(here.open('acc-1', a)).toBe('a');
    here.forget('acc-1');
    expect(here.open('acc-1', a)).toBeUndefined();
    expect(here.open('acc-2', b)).toBe('b');
    now = 1001;
    expect(here.open('acc-2', b)).toBeUndefined();
  });

  it('refuses to open for an account that never had a key (a lost key ring), and to seal under reserved ids', () => {
    const { ring } = fresh();
    const sealed = ring.seal('acc-1', 'x');
    const { ring: other } = fresh();
    expect(() => other.open('acc-1', sealed)).toThrow(/No data key/);
    expect(() => ring.seal(BLIND_INDEX_KEY_ID, 'x')).toThrow(/reserved/);
    expect(() => ring.destroy(UNATTRIBUTED)).toThrow(/platform key/);
    expect(() => ring.open('acc-1', 'plain')).toThrow(TypeError);
  });

  it('names a wrong key-encryption key instead of calling it tampering', () => {
    const store = new InMemoryDataKeyStore();
    const ring = new DataKeyRing(kek, store);
    const wrong = new DataKeyRing(aesKeyEncryptionKey(randomBytes(32)), store);
    for (const sealed of [ring.seal('acc-1', 'x'), ring.seal('acc-1', 'x', { lifetime: true })]) {
      expect(() => wrong.open('acc-1', sealed)).toThrow(WrongKeyEncryptionKeyError);
      expect(() => wrong.open('acc-1', sealed)).toThrow(/MASTER_KEY/);
    }
  });
});

describe('BlindIndex', () => {
  it('is a stable 128-bit keyed index: equal for equal values, different for others and under another key', () => {
    const store = new InMemoryDataKeyStore();
    const index = BlindIndex.open(kek, store);
    const again = BlindIndex.open(kek, store);
    const value = index.of('+8613800138000');
    expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again.of('+8613800138000')).toBe(value);
    expect(index.of('+8613800138001')).not.toBe(value);
    expect(BlindIndex.open(kek, new InMemoryDataKeyStore()).of('+8613800138000')).not.toBe(value);
  });

  it('keeps its key when accounts are destroyed', () => {
    const store = new InMemoryDataKeyStore();
    const ring = new DataKeyRing(kek, store);
    const before = BlindIndex.open(kek, store).of('+8613800138000');
    ring.seal('acc-1', 'x');
    ring.destroy('acc-1');
    expect(BlindIndex.open(kek, store).of('+8613800138000')).toBe(before);
  });
});
