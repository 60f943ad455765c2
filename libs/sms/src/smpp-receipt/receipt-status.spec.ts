import { MESSAGE_STATE, messageStateStat, messageStateStatus, receiptStatus, statMessageState } from './receipt-status';

describe('receiptStatus', () => {
  it.each([
    ['DELIVRD', 'DELIVERED'],
    ['UNDELIV', 'UNDELIVERED'],
    ['EXPIRED', 'EXPIRED'],
    ['REJECTD', 'FAILED'],
    ['DELETED', 'FAILED'],
    ['UNKNOWN', 'FAILED'],
    ['ACCEPTD', 'ENROUTE'],
    ['ENROUTE', 'ENROUTE'],
  ])('maps %s to %s', (stat, status) => {
    expect(receiptStatus(stat)).toBe(status);
  });

  it('is case-insensitive and reads the long words some SMSCs send', () => {
    expect(receiptStatus('delivrd')).toBe('DELIVERED');
    expect(receiptStatus('DELIVERED')).toBe('DELIVERED');
    expect(receiptStatus('UNDELIVERABLE')).toBe('UNDELIVERED');
    expect(receiptStatus('REJECTED')).toBe('FAILED');
  });

  it('never reads an unrecognised word as delivered', () => {
    expect(receiptStatus('')).toBe('FAILED');
    expect(receiptStatus('OK')).toBe('FAILED');
  });
});

describe('message_state', () => {
  it.each([
    [1, 'ENROUTE', 'ENROUTE'],
    [2, 'DELIVRD', 'DELIVERED'],
    [3, 'EXPIRED', 'EXPIRED'],
    [4, 'DELETED', 'FAILED'],
    [5, 'UNDELIV', 'UNDELIVERED'],
    [6, 'ACCEPTD', 'ENROUTE'],
    [7, 'UNKNOWN', 'FAILED'],
    [8, 'REJECTD', 'FAILED'],
    [9, 'SKIPPED', 'FAILED'],
  ])('state %i is stat %s and status %s', (state, stat, status) => {
    expect(messageStateStat(state)).toBe(stat);
    expect(messageStateStatus(state)).toBe(status);
    expect(statMessageState(stat)).toBe(state);
  });

  it('treats out-of-range states as UNKNOWN', () => {
    expect(messageStateStat(42)).toBe('UNKNOWN');
    expect(messageStateStatus(42)).toBe('FAILED');
  });

  it('maps long stat words to the matching state', () => {
    expect(statMessageState('delivered')).toBe(MESSAGE_STATE.DELIVERED);
    expect(statMessageState('UNDELIVERABLE')).toBe(MESSAGE_STATE.UNDELIVERABLE);
    expect(statMessageState('whatever')).toBe(MESSAGE_STATE.UNKNOWN);
  });
});
