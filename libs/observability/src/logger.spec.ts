import tty from 'node:tty';
import pino from 'pino';
import { createLogger, type LoggerOptions } from './logger';
import { startTracing, withSpan, type Tracing } from './tracing';

const PHONE = '13812345678';
const E164 = '+8613812345678';

function capture(options: Partial<LoggerOptions> = {}) {
  const raw: string[] = [];
  const logger = createLogger({ name: 'test', level: 'trace', format: 'json', destination: { write: (line: string) => raw.push(line) }, ...options });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, any>);
  return { logger, raw, lines, last: () => lines()[lines().length - 1] };
}

describe('createLogger masking', () => {
  it('masks a phone number inside the message string', () => {
    const { logger, raw, last } = capture();
    logger.info(`submit to ${PHONE} accepted`);
    expect(last().msg).toBe('submit to 138****5678 accepted');
    expect(raw.join('')).not.toContain(PHONE);
  });

  it('masks numbers passed as interpolation arguments, even split across two', () => {
    const { logger, raw, last } = capture();
    logger.info({ op: 'send' }, 'to %s via %s', E164, 'CMPP');
    expect(last()).toMatchObject({ op: 'send', msg: 'to 138****5678 via CMPP' });
    logger.warn('to %s%s', '138', '12345678');
    expect(last().msg).toBe('to 138****5678');
    expect(raw.join('')).not.toContain('12345678');
  });

  it('masks a number in a nested object without touching the caller’s object', () => {
    const { logger, raw, last } = capture();
    const payload = { request: { recipient: { phone: PHONE, note: `call +86 138-1234-5678` } }, count: 3 };
    logger.info(payload, 'accepted');
    expect(last().request).toEqual({ recipient: { phone: '138****5678', note: 'call 138****5678' } });
    expect(last().count).toBe(3);
    expect(payload.request.recipient.phone).toBe(PHONE);
    expect(raw.join('')).not.toMatch(/13812345678|1234-5678/);
  });

  it('masks E.164 numbers inside arrays', () => {
    const { logger, raw, last } = capture();
    logger.info({ recipients: [E164, '+447911123456', { to: '+14155552671' }] }, 'batch');
    expect(last().recipients).toEqual(['138****5678', '+44 79******56', { to: '+1 41******71' }]);
    expect(raw.join('')).not.toMatch(/8613812345678|7911123456|4155552671/);
  });

  it('replaces message body fields by their length', () => {
    const { logger, raw, last } = capture();
    const body = '【阿里云】您的验证码为482913';
    logger.info({ content: body, text: 'hello', body: 'x'.repeat(12), message: { shortMessage: 'secret', short_message: Buffer.from('secret') } });
    expect(last()).toMatchObject({
      content: '[redacted 17 chars]',
      text: '[redacted 5 chars]',
      body: '[redacted 12 chars]',
      message: { shortMessage: '[redacted 6 chars]', short_message: '[redacted 6 bytes]' },
    });
    expect(raw.join('')).not.toMatch(/482913|hello|secret/);
  });

  it('masks at every level', () => {
    const { logger, raw, lines } = capture();
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) logger[level]({ to: E164 }, `level ${PHONE}`);
    expect(lines().map((l) => [l.level, l.to, l.msg])).toEqual(
      ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((level) => [level, '138****5678', 'level 138****5678']),
    );
    expect(raw.join('')).not.toContain('12345678');
  });

  it('masks child bindings', () => {
    const { logger, raw, last } = capture();
    const child = logger.child({ msisdn: PHONE, session: 'smpp-1' });
    child.info('bound');
    expect(last()).toMatchObject({ msisdn: '138****5678', session: 'smpp-1', msg: 'bound' });
    child.child({ peer: `+86 ${PHONE}` }).info('grandchild');
    expect(last()).toMatchObject({ msisdn: '138****5678', peer: '138****5678', msg: 'grandchild' });
    child.setBindings({ to: E164 });
    child.info('rebound');
    expect(last()).toMatchObject({ to: '138****5678' });
    expect(raw.join('')).not.toContain(PHONE);
  });

  it('masks errors: message, stack and the message pino derives from them', () => {
    const { logger, raw, last } = capture();
    logger.error(new Error(`submit_sm to ${PHONE} failed`));
    expect(last().msg).toBe('submit_sm to 138****5678 failed');
    expect(last().err).toMatchObject({ type: 'Error', message: 'submit_sm to 138****5678 failed' });
    expect(last().err.stack).toContain('submit_sm to 138****5678 failed');
    logger.error({ err: new TypeError(`bad ${E164}`) });
    expect(last()).toMatchObject({ msg: 'bad 138****5678', err: { type: 'TypeError' } });
    expect(raw.join('')).not.toContain('12345678');
  });

  it('masks numeric phone fields but keeps other numbers', () => {
    const { logger, last } = capture();
    logger.info({ mobile: 13812345678, amountMinor: 12345678, latencyMs: 12 });
    expect(last()).toMatchObject({ mobile: '138****5678', amountMinor: 12345678, latencyMs: 12 });
  });

  it('survives circular structures', () => {
    const { logger, last } = capture();
    const node: Record<string, unknown> = { phone: PHONE };
    node['self'] = node;
    logger.info({ node });
    expect(last().node).toEqual({ phone: '138****5678', self: '[Circular]' });
  });
});

describe('createLogger level', () => {
  const saved = process.env['LOG_LEVEL'];
  afterEach(() => {
    if (saved === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = saved;
  });

  it('defaults to info', () => {
    delete process.env['LOG_LEVEL'];
    const { logger, lines } = capture({ level: undefined });
    logger.debug('hidden');
    logger.info('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
    expect(lines()[0]).toMatchObject({ name: 'test', level: 'info' });
  });

  it('follows LOG_LEVEL', () => {
    process.env['LOG_LEVEL'] = 'warn';
    const { logger, lines } = capture({ level: undefined });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('refuses an unknown LOG_LEVEL naming the setting', () => {
    process.env['LOG_LEVEL'] = 'verbose';
    expect(() => capture({ level: undefined })).toThrow(/LOG_LEVEL "verbose"/);
  });
});

describe('createLogger trace correlation', () => {
  let tracing: Tracing;
  beforeAll(() => {
    tracing = startTracing({ serviceName: 'logger-test', exporter: 'memory' });
  });
  afterAll(() => tracing.shutdown());

  it('adds trace_id and span_id of the active span, and nothing outside a span', () => {
    const { logger, lines } = capture();
    logger.info('before');
    const ids = withSpan('work', {}, (span) => {
      logger.info('inside');
      return span.spanContext();
    });
    const [before, inside] = lines();
    expect(before.trace_id).toBeUndefined();
    expect(inside).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(inside.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('createLogger format', () => {
  const saved = { LOG_FORMAT: process.env['LOG_FORMAT'], NO_COLOR: process.env['NO_COLOR'] };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    jest.restoreAllMocks();
  });

  /** The default destination (stdout) as if fd 1 were a terminal or not; what pino would write there is kept. */
  function onStdout(isTerminal: boolean) {
    const raw: string[] = [];
    jest.spyOn(tty, 'isatty').mockImplementation((fd) => fd === 1 && isTerminal);
    jest.spyOn(pino, 'destination').mockReturnValue({ write: (line: string) => raw.push(line) } as unknown as ReturnType<typeof pino.destination>);
    const logger = createLogger({ name: 'sms-platform', level: 'info' });
    return { logger, raw };
  }

  it('writes readable lines to a terminal and JSON to anything else', () => {
    delete process.env['LOG_FORMAT'];
    process.env['NO_COLOR'] = '1';
    const terminal = onStdout(true);
    terminal.logger.info({ context: 'Bootstrap', port: 8080 }, 'listening');
    expect(terminal.raw).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}sms-platform\/Bootstrap listening port=8080\n$/)]);

    jest.restoreAllMocks();
    const pipe = onStdout(false);
    pipe.logger.info({ context: 'Bootstrap' }, 'listening');
    expect(JSON.parse(pipe.raw[0])).toMatchObject({ level: 'info', name: 'sms-platform', context: 'Bootstrap', msg: 'listening' });
  });

  it('colours a terminal unless NO_COLOR is set', () => {
    delete process.env['LOG_FORMAT'];
    delete process.env['NO_COLOR'];
    const { logger, raw } = onStdout(true);
    logger.warn('slow');
    expect(raw[0]).toContain('\u001b[33mWARN \u001b[0m');
  });

  it('follows LOG_FORMAT either way', () => {
    process.env['LOG_FORMAT'] = 'json';
    const terminal = onStdout(true);
    terminal.logger.info('x');
    expect(JSON.parse(terminal.raw[0])).toMatchObject({ msg: 'x' });

    jest.restoreAllMocks();
    process.env['LOG_FORMAT'] = 'pretty';
    const pipe = onStdout(false);
    pipe.logger.info('x');
    expect(pipe.raw[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}sms-platform x\n$/);
    expect(pipe.raw[0]).not.toContain('\u001b'); // no colours into a pipe
  });

  it('refuses an unknown LOG_FORMAT naming the setting', () => {
    process.env['LOG_FORMAT'] = 'text';
    expect(() => capture({ format: undefined })).toThrow(/LOG_FORMAT "text" is not one of json, pretty/);
  });

  it('masks numbers and redacts bodies in the pretty format too', () => {
    const { logger, raw } = capture({ format: 'pretty' });
    logger.info({ to: E164, content: '【阿里云】您的验证码为482913', request: { phone: PHONE } }, 'submit to %s', PHONE);
    logger.child({ msisdn: PHONE }).error(new Error(`submit_sm to ${E164} failed`));
    const out = raw.join('');
    expect(out).toContain('submit to 138****5678 to=138****5678 content="[redacted 17 chars]" request={"phone":"138****5678"}');
    expect(out).toContain('submit_sm to 138****5678 failed msisdn=138****5678\n    Error: submit_sm to 138****5678 failed');
    expect(out).not.toMatch(/13812345678|482913/);
    expect(() => raw.map((line) => JSON.parse(line))).toThrow();
  });
});
