import fc from 'fast-check';
import { createHash, createHmac } from 'node:crypto';
import { canonicalRequest, issueKey, parseAuthorization, sameSecret, secretMatches, signatureMatches, signRequest, verifierOf } from './credentials';

describe('API key credentials', () => {
  it('issues token = keyId + "." + secret, with a secret longer than the HMAC block and only its verifier to keep', () => {
    const key = issueKey();
    expect(key.keyId).toMatch(/^ak_[A-Za-z0-9_-]{16}$/);
    expect(key.token).toBe(`${key.keyId}.${key.secret}`);
    expect(Buffer.byteLength(key.secret)).toBeGreaterThan(64);
    expect(key.verifier).toBe(verifierOf(key.secret));
    expect(key.verifier).not.toContain(key.secret);
    expect(issueKey().secret).not.toBe(key.secret);
  });

  it('matches a bearer secret against its verifier only', () => {
    const key = issueKey();
    expect(secretMatches(key.secret, key.verifier)).toBe(true);
    expect(secretMatches(issueKey().secret, key.verifier)).toBe(false);
    expect(secretMatches(key.secret.slice(0, -1), key.verifier)).toBe(false);
    // A short secret could not stand for its hash in HMAC: never one of ours.
    expect(secretMatches('short', verifierOf('short'))).toBe(false);
    expect(secretMatches(key.secret, '')).toBe(false);
  });

  it('verifies, from the verifier alone, exactly the signature a client computes with its secret (RFC 2104 long keys)', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'DELETE'), fc.string(), fc.string({ minLength: 1 }), fc.uint8Array(), (method, path, nonce, body) => {
        const key = issueKey();
        const timestamp = '1790000000';
        const signature = signRequest(key.secret, method, `/v1/${path}`, timestamp, nonce, Buffer.from(body));
        // What CONTRACTS.md says, computed independently.
        const bodyHash = createHash('sha256').update(Buffer.from(body)).digest('hex');
        const expected = createHmac('sha256', key.secret).update(`${method}\n/v1/${path}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('base64');
        expect(signature).toBe(expected);
        const canonical = canonicalRequest(method, `/v1/${path}`, timestamp, nonce, Buffer.from(body));
        expect(signatureMatches(key.verifier, signature, canonical)).toBe(true);
        expect(signatureMatches(issueKey().verifier, signature, canonical)).toBe(false);
        expect(signatureMatches(key.verifier, signature, canonicalRequest(method, `/v1/${path}x`, timestamp, nonce, Buffer.from(body)))).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('compares the admin key in constant time whatever the lengths', () => {
    expect(sameSecret('a'.repeat(40), 'a'.repeat(40))).toBe(true);
    expect(sameSecret('a'.repeat(40), 'a'.repeat(41))).toBe(false);
    expect(sameSecret('', 'a')).toBe(false);
  });

  describe('parseAuthorization', () => {
    it('reads bearer tokens, split at the first dot', () => {
      expect(parseAuthorization('Bearer ak_x.sec.ret')).toEqual({ scheme: 'bearer', token: 'ak_x.sec.ret', keyId: 'ak_x', secret: 'sec.ret' });
      expect(parseAuthorization('bearer adm_token')).toEqual({ scheme: 'bearer', token: 'adm_token' });
    });

    it('reads SMS-HMAC-SHA256 parameters in any order and case', () => {
      expect(parseAuthorization('SMS-HMAC-SHA256 Nonce=n1, keyid=ak_1, Timestamp=1790000000, Signature=abc=')).toEqual({
        scheme: 'hmac',
        keyId: 'ak_1',
        timestamp: '1790000000',
        nonce: 'n1',
        signature: 'abc=',
      });
    });

    it.each([
      ['Basic dXNlcjpwYXNz', /unsupported scheme/],
      ['Bearer', /expected/],
      ['SMS-HMAC-SHA256 KeyId=ak_1, Timestamp=1', /needs KeyId, Timestamp, Nonce and Signature/],
      ['SMS-HMAC-SHA256 KeyId=ak_1, Timestamp=soon, Nonce=n, Signature=s', /unix seconds/],
      ['SMS-HMAC-SHA256 KeyId=ak_1 Timestamp=1', /needs|bad parameter/],
      [`SMS-HMAC-SHA256 KeyId=ak_1, Timestamp=1, Nonce=${'n'.repeat(129)}, Signature=s`, /Nonce/],
    ])('refuses %s with a reason', (header, reason) => {
      const parsed = parseAuthorization(header);
      expect(parsed).toMatchObject({ scheme: 'malformed', reason: expect.stringMatching(reason) });
    });

    it('treats an absent or blank header as no credential', () => {
      expect(parseAuthorization(undefined)).toBeUndefined();
      expect(parseAuthorization('  ')).toBeUndefined();
    });
  });
});
