import { keyset } from './export-section';

describe('keyset', () => {
  it('asks for each page after the key of the last row, and stops at a short page', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: i }));
    const asked: Array<number | undefined> = [];
    const read: number[] = [];
    const page = async (after: number | undefined) => {
      asked.push(after);
      return rows.filter((r) => after === undefined || r.id > after).slice(0, 2);
    };
    for await (const row of keyset(2, page, (r: { id: number }) => r.id)) read.push(row.id);
    expect(read).toEqual([0, 1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 1, 3]);
  });

  it('asks once more after a full last page, and ends on the empty answer', async () => {
    const asked: Array<number | undefined> = [];
    const page = async (after: number | undefined) => (asked.push(after), after === undefined ? [{ id: 0 }, { id: 1 }] : []);
    const read: number[] = [];
    for await (const row of keyset(2, page, (r: { id: number }) => r.id)) read.push(row.id);
    expect([read, asked]).toEqual([[0, 1], [undefined, 1]]);
  });
});
