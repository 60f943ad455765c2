import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListInboundMessagesQuery } from './dto';

describe('ListInboundMessagesQuery', () => {
  const invalid = (query: Record<string, string>) => validateSync(plainToInstance(ListInboundMessagesQuery, query)).map((error) => error.property);

  // Found by e2e/fuzz: strict ISO 8601 admits these, `new Date` cannot read them, and the handler answered 500.
  it.each(['2021-W52-7', '2021-365', '20210101T000000Z'])('refuses %s as a bound: ISO 8601, but no time new Date reads', (time) => {
    expect(invalid({ from: time, to: time })).toEqual(['from', 'to']);
  });

  it('takes RFC 3339 bounds, with an offset or in UTC', () => {
    expect(invalid({ from: '2026-11-23T18:00:00+08:00', to: '2026-11-24T00:00:00.000Z' })).toEqual([]);
  });
});
