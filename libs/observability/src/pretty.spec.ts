import { formatPrettyLine } from './pretty';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[\d;]*m/g;
const at = new Date(2026, 10, 3, 9, 4, 31, 218).getTime();
const line = (record: Record<string, unknown>) => JSON.stringify({ level: 'info', time: at, pid: 42, hostname: 'vm', name: 'sms-platform', ...record });
const plain = (record: Record<string, unknown>) => formatPrettyLine(line(record), { colors: false });

describe('formatPrettyLine', () => {
  it('writes time, level, name/context and message, then the other fields as key=value', () => {
    expect(plain({ context: 'ProblemDetails', msg: 'request failed', status: 500, route: '/v1/messages', note: 'two words', ids: ['a', 'b'] })).toBe(
      '09:04:31.218 INFO  sms-platform/ProblemDetails request failed status=500 route=/v1/messages note="two words" ids=["a","b"]\n',
    );
  });

  it('leaves out pid and hostname, and a context that is not there', () => {
    expect(plain({ level: 'warn', msg: 'slow' })).toBe('09:04:31.218 WARN  sms-platform slow\n');
  });

  it('puts a stack under the line, indented, and uses the error message when there is no msg', () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f (a.ts:1:1)' };
    expect(plain({ level: 'error', err })).toBe('09:04:31.218 ERROR sms-platform boom\n    Error: boom\n        at f (a.ts:1:1)\n');
    expect(plain({ level: 'error', context: 'ExceptionsHandler', msg: 'down', stack: 'Error: down\n    at g (b.ts:2:2)' })).toBe(
      '09:04:31.218 ERROR sms-platform/ExceptionsHandler down\n    Error: down\n        at g (b.ts:2:2)\n',
    );
  });

  it('cannot be made to forge a line or drive the terminal', () => {
    const out = plain({ msg: 'a\n09:00:00.000 INFO  forged\u001b[2J\r', field: 'x\u001b[31m' });
    expect(out).toBe('09:04:31.218 INFO  sms-platform a\n    09:00:00.000 INFO  forged\\u001b[2J\\u000d field="x\\u001b[31m"\n');
    expect(out).not.toContain('\u001b');
  });

  it('colours level, time and source only when asked', () => {
    const coloured = formatPrettyLine(line({ level: 'error', context: 'Kafka', msg: 'down' }), { colors: true });
    expect(coloured).toContain('\u001b[31mERROR\u001b[0m');
    expect(coloured.replace(ANSI, '')).toBe(plain({ level: 'error', context: 'Kafka', msg: 'down' }));
  });

  it('passes a line that is not JSON through', () => {
    expect(formatPrettyLine('not json', { colors: false })).toBe('not json\n');
  });
});
