import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { SealedDataError } from './aes-gcm';
import { BLIND_INDEX_KEY_ID, BlindIndex } from './blind-index';
import { DataKeyRing, UNATTRIBUTED } from './data-key-ring';
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

  it('does not show the text, and tells sealed values from plain ones', () => {
    const { ring } = fresh();
    const sealed = ring.seal('acc-1', '+8613800138000');
    expect(sealed).toMatch(/^pd1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('13800138000');
    expect(DataKeyRing.isSealed('+8613800138000')).toBe(false);
    expect(DataKeyRing.isSealed(undefined)).toBe(false);
  });

  it('refuses a tampered value', () => {
    const { ring } = fresh();
    const sealed = ring.seal('acc-1', 'hello');
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    for (const index of [0, 12, 28, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] ^= 1;
      expect(() => ring.open('acc-1', `pd1.${altered.toString('base64url')}`)).toThrow(SealedDataError);
    }
    expect(() => ring.open('acc-1', 'pd1.AAAA')).toThrow(SealedDataError);
  });

  it("refuses a value sealed for another account, even when it is moved to that account's row", () => {
    const { ring } = fresh();
    ring.seal('acc-2', 'theirs');
    expect(() => ring.open('acc-2', ring.seal('acc-1', 'mine'))).toThrow(SealedDataError);
  });

  it('gives each account its own key, wrapped and bound to the account', () => {
    const { ring, store } = fresh();
    ring.seal('acc-1', 'x');
    ring.seal('acc-2', 'x');
    const [one, two] = [store.get('acc-1') as string, store.get('acc-2') as string];
    expect(one).not.toBe(two);
    expect(one.startsWith(`${kek.id}.`)).toBe(true);
    expect(kek.unwrap(one, 'acc-1')).toHaveLength(32);
    expect(() => kek.unwrap(one, 'acc-2')).toThrow(SealedDataError);
  });

  it('after destruction: open answers undefined, sealing throws, and a new key is never made', () => {
    const { ring, store } = fresh();
    const sealed = ring.seal('acc-1', 'bye');
    ring.destroy('acc-1');
    expect(ring.open('acc-1', sealed)).toBeUndefined();
    expect(() => ring.seal('acc-1', 'again')).toThrow(DataKeyDestroyedError);
    expect(store.get('acc-1')).toBeUndefined();
    // Another process's ring, which never cached the key, sees the same.
    const elsewhere = new DataKeyRing(kek, store);
    expect(elsewhere.open('acc-1', sealed)).toBeUndefined();
    expect(() => elsewhere.seal('acc-1', 'again')).toThrow(DataKeyDestroyedError);
  });

  it('a ring that cached the key learns of a destruction elsewhere when told (forget) or when its cache expires', () => {
    let now = 0;
    const store = new InMemoryDataKeyStore();
    const here = new DataKeyRing(kek, store, { cacheTtlMs: 1000, now: () => now });
    const there = new DataKeyRing(kek, store);
    const [a, b] = [here.seal('acc-1', 'a'), here.seal('acc-2', 'b')];
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
    const sealed = new DataKeyRing(kek, store).seal('acc-1', 'x');
    const wrong = new DataKeyRing(aesKeyEncryptionKey(randomBytes(32)), store);
    expect(() => wrong.open('acc-1', sealed)).toThrow(WrongKeyEncryptionKeyError);
    expect(() => wrong.open('acc-1', sealed)).toThrow(/MASTER_KEY/);
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
