import { ConcatenationBuffer } from './concatenation-buffer';

const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms);
const part = (seq: number, text: string, ms = 0, ref = 7, total = 3) => ({
  from: '+8613800138000',
  to: '106900001234',
  text,
  receivedAt: at(ms),
  concat: { ref, total, seq },
});

describe('ConcatenationBuffer', () => {
  it('passes a single-part message straight through', () => {
    const buffer = new ConcatenationBuffer(1000);
    expect(buffer.add({ from: 'a', to: 'b', text: 'hi', receivedAt: at(0) })).toEqual({ from: 'a', to: 'b', text: 'hi', receivedAt: at(0) });
    expect(buffer.size).toBe(0);
  });

  it('joins parts in sequence order whatever order they arrive in', () => {
    const buffer = new ConcatenationBuffer(1000);
    expect(buffer.add(part(3, 'c', 1))).toBeUndefined();
    expect(buffer.add(part(1, 'a', 2))).toBeUndefined();
    expect(buffer.add(part(2, 'b', 3))).toEqual({ from: '+8613800138000', to: '106900001234', text: 'abc', receivedAt: at(3) });
    expect(buffer.size).toBe(0);
  });

  it('keeps messages with different references apart and tolerates a repeated part', () => {
    const buffer = new ConcatenationBuffer(1000);
    buffer.add(part(1, 'x1', 0, 1, 2));
    buffer.add(part(1, 'y1', 0, 2, 2));
    buffer.add(part(1, 'x1', 0, 1, 2));
    expect(buffer.add(part(2, 'y2', 0, 2, 2))?.text).toBe('y1y2');
    expect(buffer.add(part(2, 'x2', 0, 1, 2))?.text).toBe('x1x2');
  });

  it('releases an incomplete message after the timeout with the parts that arrived', () => {
    const buffer = new ConcatenationBuffer(1000);
    buffer.add(part(1, 'first ', 0));
    buffer.add(part(3, 'third', 10));
    expect(buffer.expire(at(999).getTime())).toEqual([]);
    expect(buffer.expire(at(1000).getTime())).toEqual([{ from: '+8613800138000', to: '106900001234', text: 'first third', receivedAt: at(10) }]);
    expect(buffer.size).toBe(0);
  });

  it('treats an out-of-range sequence as a message of its own', () => {
    const buffer = new ConcatenationBuffer(1000);
    expect(buffer.add(part(4, 'odd'))?.text).toBe('odd');
  });
});
