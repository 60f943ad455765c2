import { createHmac } from 'node:crypto';
import { signatureOf, structuredCloudEvent, verifySignature } from './signature';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body under the secret (RFC 4231 test case 2)', () => {
    expect(signatureOf('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('signs the UTF-8 bytes, so a receiver that hashes the raw body agrees whatever the script', () => {
    const body = '{"data":{"content":"退订 ✓"}}';
    expect(signatureOf('s3cret-s3cret-s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`);
  });

  it('verifies only the exact body under the exact secret', () => {
    const secret = 'a-very-secret-secret';
    const body = structuredCloudEvent({ id: 'e-1', type: 'sms.delivery-report.v1', source: '/sms/dispatch', time: '2026-11-23T10:00:00.000Z', data: { status: 'DELIVERED' } });
    const header = signatureOf(secret, body);
    expect(verifySignature(secret, body, header)).toBe(true);
    expect(verifySignature(secret, body.replace('DELIVERED', 'FAILED'), header)).toBe(false);
    expect(verifySignature(`${secret}!`, body, header)).toBe(false);
    expect(verifySignature(secret, body, header.slice(0, -1))).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
  });

  it('builds the structured-mode CloudEvent: context attributes, datacontenttype and data in one JSON object', () => {
    const body = structuredCloudEvent({ id: 'e-1', type: 'sms.inbound-message.v1', source: '/sms/dispatch', time: '2026-11-23T10:00:00.000Z', data: { inboundId: 'i-1' } });
    expect(JSON.parse(body)).toEqual({
      specversion: '1.0',
      id: 'e-1',
      type: 'sms.inbound-message.v1',
      source: '/sms/dispatch',
      time: '2026-11-23T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: { inboundId: 'i-1' },
    });
  });
});
