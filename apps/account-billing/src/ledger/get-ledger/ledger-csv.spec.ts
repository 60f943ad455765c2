import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { protectedAccountBillingCodecs } from '../../account-billing.codec';
import { readCsv } from '../../reconciliation/test-support';
import { toLedgerEntryResponse } from '../api/mappers';
import { accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { GetLedgerHandler, MAX_LEDGER_PAGE } from './handler';
import { csvCell, FREE_TEXT_COLUMNS, LEDGER_CSV_COLUMNS, LedgerCsvHandler, prefersCsv } from './ledger-csv';

const at = new Date('2026-11-23T08:00:00.000Z');

async function account(extra: AccountCommand[] = []) {
  const store = new InMemoryEventStore();
  const codecs = protectedAccountBillingCodecs(ephemeralDataProtection().ring);
  const commands = accountCommands(store, { codec: codecs.account });
  const given: AccountCommand[] = [{ type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at }, ...extra];
  for (const [i, command] of given.entries()) await commands.handle(accountStream('a1'), (state) => decide(command, state), { eventId: (index) => deterministicId('given', String(i), String(index)) });
  return { csv: new LedgerCsvHandler(store, codecs), json: new GetLedgerHandler(store, codecs) };
}

const text = async (lines: AsyncIterable<string>) => {
  let all = '';
  for await (const chunk of lines) all += chunk;
  return all;
};

/** The CSV read back as the JSON answer's fields: one leading apostrophe of a free-text cell undone, lists split. */
function entriesOf(csv: string) {
  const [header, ...records] = readCsv(csv);
  expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
  return records.map((cells) => {
    const entry: Record<string, unknown> = {};
    LEDGER_CSV_COLUMNS.forEach((column, i) => {
      let value = cells[i];
      if (FREE_TEXT_COLUMNS.has(column) && /^'[=+\-@\t\r]/.test(value)) value = value.slice(1);
      if (value === '') return;
      entry[column] = column === 'batchIds' || column === 'messageIds' ? value.split(';') : value;
    });
    return entry;
  });
}

/** Every page of the JSON answer, as the REST mapper writes its entries, in the CSV's columns. */
async function jsonEntries(handler: GetLedgerHandler) {
  const all: Array<Record<string, unknown>> = [];
  let from = 0n;
  for (;;) {
    const page = await handler.handle('a1', from, MAX_LEDGER_PAGE);
    for (const entry of page.entries) {
      const response = toLedgerEntryResponse(entry) as unknown as Record<string, unknown>;
      all.push(Object.fromEntries(LEDGER_CSV_COLUMNS.filter((c) => response[c] !== undefined).map((c) => [c, response[c]])));
    }
    if (page.nextFromRevision === undefined) return all;
    from = page.nextFromRevision;
  }
}

describe('ledger as CSV', () => {
  it('writes every entry of every page, in the JSON answer’s values, in one pass over a stream longer than a read', async () => {
    const deposits: AccountCommand[] = Array.from({ length: 2_345 }, (_, i) => ({ type: 'DepositFunds', amountMinor: BigInt(i + 1), reference: `wire-${i}`, at }));
    const { csv, json } = await account([
      ...deposits,
      { type: 'ReserveFunds', batchId: 'batch-1', currency: 'CNY', items: [{ messageId: 'm-1', segments: 2, unitPriceMinor: 450n }, { messageId: 'm-2', segments: 1, unitPriceMinor: 450n }], at },
      {
        type: 'SettleFunds',
        batchKey: 'evt-1',
        results: [
          { messageId: 'm-1', status: 'SUBMITTED', segmentsSubmitted: 2 },
          { messageId: 'm-2', status: 'FAILED', segmentsSubmitted: 0 },
        ],
        at,
      },
    ]);
    const written = await text(await csv.handle('a1'));
    const entries = entriesOf(written);
    expect(entries).toHaveLength(2_345 + 3);
    expect(entries).toEqual(await jsonEntries(json));
    expect(entries.slice(-3).map((e) => [e.type, e.amount, e.batchIds, e.messageIds])).toEqual([
      ['RESERVE', '0.1350', ['batch-1'], ['m-1', 'm-2']],
      ['CAPTURE', '-0.0900', ['batch-1'], ['m-1']],
      ['RELEASE', '0.0450', ['batch-1'], ['m-2']],
    ]);
    expect(written.split('\r\n')[1]).toBe('1,DEPOSIT,0.0001,0.0001,0.0000,2026-11-23T08:00:00.000Z,wire-0,,,');
  });

  it('guards free text against formula injection and quotes what needs quoting, so it still reads back', async () => {
    const { csv, json } = await account([
      { type: 'DepositFunds', amountMinor: 1n, reference: '=HYPERLINK("http://evil.example","click")', at },
      { type: 'DepositFunds', amountMinor: 2n, reference: '+1,2', at },
      { type: 'DepositFunds', amountMinor: 3n, reference: '@SUM(A1)\r\nnext', at },
      { type: 'DepositFunds', amountMinor: 4n, reference: "-'quoted", at },
    ]);
    const written = await text(await csv.handle('a1'));
    expect(written).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(written).toContain(`"'+1,2"`);
    expect(written).toContain(`"'@SUM(A1)\r\nnext"`);
    expect(written).toContain(`'-'quoted`);
    expect(entriesOf(written)).toEqual(await jsonEntries(json));
  });

  it('starts at fromRevision, with balances that still count every earlier event', async () => {
    const { csv } = await account([1n, 2n, 3n].map((amountMinor, i) => ({ type: 'DepositFunds', amountMinor, reference: `r${i}`, at })));
    expect(entriesOf(await text(await csv.handle('a1', 2n))).map((e) => [e.entryId, e.balanceAfter])).toEqual([
      ['2', '0.0003'],
      ['3', '0.0006'],
    ]);
  });

  it('answers ACCOUNT_NOT_FOUND before writing anything', async () => {
    const { csv } = await account();
    await expect(csv.handle('nope')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', true, 'plain'],
    ['a,b', true, '"a,b"'],
    ['say "hi"', true, '"say ""hi"""'],
    ['line\nbreak', true, '"line\nbreak"'],
    ['=1+1', true, "'=1+1"],
    ['-5', true, "'-5"],
    ['\tx', true, "'\tx"],
    ['-0.0900', false, '-0.0900'],
    ['', true, ''],
  ])('%j (free text: %s) → %j', (value, freeText, cell) => {
    expect(csvCell(value, freeText)).toBe(cell);
  });
});

describe('prefersCsv', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['text/csv', true],
    ['TEXT/CSV; charset=utf-8', true],
    ['text/csv; charset=utf-16', true],
    ['text/*', true],
    ['application/json', false],
    ['*/*', false],
    ['text/csv, application/json', false],
    ['application/json;q=0.5, text/csv', true],
    ['text/csv;q=0.9, */*;q=0.1', true],
    ['text/csv;q=0', false],
    ['text/csv;q=x', false],
    ['*/*;q=x'.repeat(500), false],
    ['application/xml', false],
  ])('%j → %s', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});
