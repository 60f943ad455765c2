import { fromSmppAddress, toSmppAddress } from './address';

describe('toSmppAddress', () => {
  it('sends E.164 numbers as international ISDN without the plus', () => {
    expect(toSmppAddress('+8613800138000')).toEqual({ addr: '8613800138000', ton: 1, npi: 1 });
  });

  it('sends short codes and SP numbers as unknown TON on the ISDN plan', () => {
    expect(toSmppAddress('106900001234')).toEqual({ addr: '106900001234', ton: 0, npi: 1 });
    expect(toSmppAddress('')).toEqual({ addr: '', ton: 0, npi: 1 });
  });

  it('sends anything else as an alphanumeric sender', () => {
    expect(toSmppAddress('ACME')).toEqual({ addr: 'ACME', ton: 5, npi: 0 });
    expect(toSmppAddress('+12ab')).toEqual({ addr: '+12ab', ton: 5, npi: 0 });
  });
});

describe('fromSmppAddress', () => {
  it('restores the plus on international numbers only', () => {
    expect(fromSmppAddress('8613800138000', 1)).toBe('+8613800138000');
    expect(fromSmppAddress('106900001234', 0)).toBe('106900001234');
    expect(fromSmppAddress('ACME', 1)).toBe('ACME');
  });
});
