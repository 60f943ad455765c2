import { afterAttempt, EMAIL_MAX_ATTEMPTS, maskEmail, maskEmailsInText, retryDelayMs } from './email-delivery';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('e-mail delivery policy', () => {
  it('records SENT with the attempts made and the time', () => {
    expect(afterAttempt(0, { ok: true }, NOW)).toEqual({ status: 'SENT', attempts: 1, sentAt: NOW.toISOString() });
    expect(afterAttempt(3, { ok: true }, NOW)).toEqual({ status: 'SENT', attempts: 4, sentAt: NOW.toISOString() });
  });

  it('retries a temporary refusal later, waiting twice as long each time up to an hour', () => {
    expect(afterAttempt(0, { ok: false, temporary: true, error: '451 try later' }, NOW)).toEqual({
      status: 'PENDING',
      attempts: 1,
      nextAttemptAt: '2026-11-23T10:01:00.000Z',
      reason: '451 try later',
    });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    expect((afterAttempt(2, { ok: false, temporary: true, error: 'x' }, NOW) as { nextAttemptAt: string }).nextAttemptAt).toBe('2026-11-23T10:04:00.000Z');
  });

  it('gives up on a permanent refusal at once, and on a temporary one after EMAIL_MAX_ATTEMPTS', () => {
    expect(afterAttempt(0, { ok: false, temporary: false, error: '550 no such user' }, NOW)).toEqual({ status: 'FAILED', attempts: 1, reason: '550 no such user' });
    expect(afterAttempt(EMAIL_MAX_ATTEMPTS - 2, { ok: false, temporary: true, error: '451' }, NOW).status).toBe('PENDING');
    expect(afterAttempt(EMAIL_MAX_ATTEMPTS - 1, { ok: false, temporary: true, error: '451' }, NOW)).toEqual({
      status: 'FAILED',
      attempts: EMAIL_MAX_ATTEMPTS,
      reason: `gave up after ${EMAIL_MAX_ATTEMPTS} attempts: 451`,
    });
  });

  it('masks addresses for logs, alone and inside a server answer (DOMAIN §6)', () => {
    expect(maskEmail('billing@acme.example')).toBe('b***@a***.example');
    expect(maskEmail('x@localhost')).toBe('x***@l***');
    expect(maskEmail('not an address')).toBe('***');
    expect(maskEmailsInText('550 5.1.1 <billing@acme.example>: Recipient address rejected; cc ops@acme.co.uk')).toBe(
      '550 5.1.1 <b***@a***.example>: Recipient address rejected; cc o***@a***.uk',
    );
    expect(maskEmailsInText('451 4.3.0 try again later')).toBe('451 4.3.0 try again later');
  });
});
