import { sourceAddressOf } from './smpp-channel';

describe('sourceAddressOf', () => {
  it("appends the signature's extension code to the channel's source address", () => {
    expect(sourceAddressOf('10690000', '1000')).toBe('106900001000');
    expect(sourceAddressOf('10690000', '123456')).toBe('10690000123456');
    expect(sourceAddressOf('+447700900000', '1234')).toBe('+4477009000001234');
  });

  it("keeps the channel's own address without a code", () => {
    expect(sourceAddressOf('10690000', undefined)).toBe('10690000');
    expect(sourceAddressOf('10690000', '')).toBe('10690000');
  });

  it('keeps an alphanumeric sender as it is: nobody can reply to it', () => {
    expect(sourceAddressOf('ACME', '1000')).toBe('ACME');
  });

  it('keeps the own address when the whole would not fit in source_addr (20 characters), or the code is not digits', () => {
    expect(sourceAddressOf('10690000123456789', '1000')).toBe('10690000123456789');
    expect(sourceAddressOf('1069000012345678', '1000')).toBe('10690000123456781000');
    expect(sourceAddressOf('10690000', '10x0')).toBe('10690000');
  });

  it('has nothing to add to when the channel has no address', () => {
    expect(sourceAddressOf(undefined, '1000')).toBeUndefined();
    expect(sourceAddressOf('', '1000')).toBe('');
  });
});
