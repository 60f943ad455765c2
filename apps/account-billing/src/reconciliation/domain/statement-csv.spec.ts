import { MAX_STATEMENT_ROWS, parseStatementCsv } from './statement-csv';

const ok = (text: string) => {
  const result = parseStatementCsv(text);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.problem}`);
  return result.statement;
};
const refusal = (text: string) => {
  const result = parseStatementCsv(text);
  return result.ok ? 'accepted' : [result.line, result.problem];
};

describe('an operator statement as CSV', () => {
  it('reads periods of whole days, the last day included', () => {
    const statement = ok('period_start,period_end,segments\r\n2026-11-01,2026-11-15,48210\r\n2026-11-16,2026-11-30,51007\r\n');
    expect(statement).toEqual({
      rows: [
        { start: '2026-11-01T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z', startMs: Date.parse('2026-11-01T00:00:00.000Z'), endMs: Date.parse('2026-11-16T00:00:00.000Z'), segments: 48210 },
        { start: '2026-11-16T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', startMs: Date.parse('2026-11-16T00:00:00.000Z'), endMs: Date.parse('2026-12-01T00:00:00.000Z'), segments: 51007 },
      ],
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-12-01T00:00:00.000Z',
      operatorSegments: 99217,
    });
    expect(ok('period_start,period_end,segments\n2026-11-05,2026-11-05,7').rows[0]).toMatchObject({ start: '2026-11-05T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' });
  });

  it('reads RFC 3339 times, the end excluded, any offset, finer than milliseconds dropped', () => {
    const statement = ok('period_start,period_end,segments\n2026-11-01T08:00:00+08:00,2026-11-02T00:00:00.1234567Z,12\n');
    expect(statement.rows).toEqual([expect.objectContaining({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.123Z', segments: 12 })]);
  });

  it('accepts a byte order mark, quoted cells, spaces, blank lines, any header case and the periods in any order', () => {
    const statement = ok('\uFEFF PERIOD_START , Period_End,"segments"\n\n"2026-11-16", 2026-11-30 ,"51007"\n  \n2026-11-01,2026-11-15,48210\n\n');
    expect(statement.rows.map((r) => r.segments)).toEqual([48210, 51007]);
    expect(statement.operatorSegments).toBe(99217);
    expect(ok('period_start,period_end,segments\n2026-11-01,2026-11-01,0\n').operatorSegments).toBe(0);
  });

  it('accepts periods with gaps between them', () => {
    const statement = ok('period_start,period_end,segments\n2026-11-01,2026-11-02,5\n2026-11-10,2026-11-10,6\n');
    expect([statement.periodStart, statement.periodEnd, statement.operatorSegments]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-11T00:00:00.000Z', 11]);
  });

  it.each([
    ['', [1, 'the statement is empty: it needs the header period_start,period_end,segments and at least one period']],
    ['\n\n', [1, 'the statement is empty: it needs the header period_start,period_end,segments and at least one period']],
    ['period_start,period_end,segments\n', [1, 'the statement has no period after its header']],
    ['date,segments\n2026-11-01,5', [1, 'the header must be period_start,period_end,segments']],
    ['period_start,period_end,segments,operator\n2026-11-01,2026-11-01,5,CMCC', [1, 'the header must be period_start,period_end,segments']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30', [2, 'expected 3 cells (period_start,period_end,segments), found 2']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30,5,', [2, 'expected 3 cells (period_start,period_end,segments), found 4']],
    ['period_start,period_end,segments\n\n2026-11-01,2026-11-30,-5', [3, 'segments must be a whole number from 0 to 1000000000000000']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30,1.5', [2, 'segments must be a whole number from 0 to 1000000000000000']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30,1e3', [2, 'segments must be a whole number from 0 to 1000000000000000']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30,9999999999999999', [2, 'segments must be a whole number from 0 to 1000000000000000']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-30,', [2, 'segments must be a whole number from 0 to 1000000000000000']],
    ['period_start,period_end,segments\n2026-02-29,2026-03-01,5', [2, 'period_start: 2026-02-29 is not a calendar date']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-31,5', [2, 'period_end: 2026-11-31 is not a calendar date']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-02T00:00:00Z,5', [2, 'period_start and period_end must both be dates (YYYY-MM-DD) or both RFC 3339 times']],
    ['period_start,period_end,segments\n2026-11-01 00:00,2026-11-02 00:00,5', [2, 'period_start and period_end must both be dates (YYYY-MM-DD) or both RFC 3339 times']],
    ['period_start,period_end,segments\n2026-11-01T00:00:00,2026-11-02T00:00:00,5', [2, 'period_start and period_end must both be dates (YYYY-MM-DD) or both RFC 3339 times']],
    ['period_start,period_end,segments\n2026-11-01T24:00:00Z,2026-11-02T00:00:00Z,5', [2, 'period_start: 2026-11-01T24:00:00Z is not a time of day']],
    ['period_start,period_end,segments\n2026-11-01T00:00:00Z,2026-11-02T00:00:00+99:00,5', [2, 'period_end: 2026-11-02T00:00:00+99:00 has no valid UTC offset']],
    ['period_start,period_end,segments\n2026-11-02,2026-11-01,5', [2, 'period_end must not be before period_start']],
    ['period_start,period_end,segments\n2026-11-02T00:00:00Z,2026-11-02T00:00:00Z,5', [2, 'period_end must not be before period_start']],
    ['period_start,period_end,segments\n2026-11-10,2026-11-20,5\n2026-11-01,2026-11-10,5', [3, 'its period overlaps the one on line 2']],
    ['period_start,period_end,segments\n2026-11-01,2026-11-20,5\n2026-11-01,2026-11-20,5', [3, 'its period overlaps the one on line 2']],
    ['period_start,period_end,segments\n2025-11-01,2025-11-30,5\n2026-11-01,2026-11-30,5', [3, "the statement's periods span more than 366 days"]],
    ['period_start,period_end,segments\n"2026-11-01,2026-11-30,5', [2, expect.stringMatching(/^not valid CSV: /)]],
    ['period_start,period_end,segments\n"2026-11-01"x,2026-11-30,5', [2, expect.stringMatching(/^not valid CSV: /)]],
    ['period_start,period_end,segments\n2026-11-01,2026-"11-30",5', [2, expect.stringMatching(/^not valid CSV: /)]],
    ['{"csv":"period_start,period_end,segments"}', [1, expect.stringMatching(/^not valid CSV: /)]],
  ])('refuses %j, naming the line', (text, expected) => {
    expect(refusal(text)).toEqual(expected);
  });

  it(`refuses more than ${MAX_STATEMENT_ROWS} periods`, () => {
    // Half hours: 10,000 of them fit in 366 days.
    const hours = Array.from({ length: MAX_STATEMENT_ROWS + 1 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 0, 1) + i * 1_800_000).toISOString();
      const end = new Date(Date.UTC(2026, 0, 1) + (i + 1) * 1_800_000).toISOString();
      return `${start},${end},1`;
    });
    expect(refusal(['period_start,period_end,segments', ...hours].join('\n'))).toEqual([MAX_STATEMENT_ROWS + 2, `a statement has at most ${MAX_STATEMENT_ROWS} periods`]);
    expect(ok(['period_start,period_end,segments', ...hours.slice(0, MAX_STATEMENT_ROWS)].join('\n')).operatorSegments).toBe(MAX_STATEMENT_ROWS);
  });
});
