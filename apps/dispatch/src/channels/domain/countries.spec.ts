import { countriesOf, countryEntryProblem } from './countries';

describe('country sets', () => {
  it('takes ISO codes, calling codes (with or without +) and *', () => {
    expect(['GB', '+44', '44', '1', '*'].map(countryEntryProblem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(countryEntryProblem('gb')).toMatch(/no ISO/);
    expect(countryEntryProblem('+999')).toMatch(/no ISO/);
  });

  it('expands a calling code to every country that uses it; * stands for all', () => {
    expect(countriesOf(['+44'])).toEqual(new Set(['GB', 'GG', 'IM', 'JE']));
    expect(countriesOf(['1'])?.has('CA')).toBe(true);
    expect(countriesOf(['FR', '+33'])).toEqual(new Set(['FR']));
    expect(countriesOf(['FR', '*'])).toBeUndefined();
  });
});
