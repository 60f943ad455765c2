import { createServer, type IncomingMessage, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { LONG_TEMPLATE, RECIPIENTS, runWalkingSkeleton, SkeletonRun } from './support/scenario';

/**
 * DOMAIN §6, issue 6: logs and traces carry masked numbers only. A full embedded run — the walking skeleton, refused
 * sends, gRPC, replies from phones, a restart and a SIGKILL — at debug and trace, in the
 * JSON and the pretty format, with every span exported over OTLP/HTTP to a collector in this test; then every byte the
 * processes wrote and every OTLP body is searched for the numbers, message texts and secrets the run used, in every
 * notation we can think of. LOGS_E2E_DUMP=<dir> keeps what was collected there, to read.
 */
describe('logs and traces (embedded, LOG_LEVEL=debug/trace, OTLP)', () => {
  const dataDir = tempDir('logs');
  const SMPP_PASSWORD = 'smpp-pw-7Qx2LogLeak';
  const CONTACT_EMAIL = 'ops@acme.example';

  // Numbers this run sends to or receives from, beyond the skeleton's RECIPIENTS.
  const REFUSED_SEND = ['+86 139-0013-9001', 'not-a-number', '12345678901'];
  const GRPC_NUMBER = '+8613900139002';
  const AFTER_RESTART = '150 1234 0001';
  const UNKNOWN_SENDER = '+8615912345678';
  const CRASH_NUMBERS = Array.from({ length: 40 }, (_, i) => `1391234${String(i).padStart(4, '0')}`);
  // Texts nobody may log: the rendered template, the parameter values, the replies from phones.
  const MO_TEXT = '请尽快回电话MOZX7731';
  const MO_TEXT_UNKNOWN = '这是谁的号码MOQY5520';
  const BAD_PARAM = '【SO-BAD-7741】';

  const outputs: Array<{ label: string; output: () => string }> = [];
  const otlpBodies: string[] = [];
  let collector: Server;
  let otlpEndpoint: string;
  let platform: RunningProcess;
  let url: string;
  let grpcPort: number;
  let simulatorHttp: number;
  let run: SkeletonRun;
  const admin = auth(E2E_ADMIN_TOKEN);
  const customer = () => auth(run.customerToken);

  const start = async (label: string, level: string, format: string, extra: Record<string, string> = {}) => {
    grpcPort = await freePort();
    simulatorHttp = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: '0',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        SIMULATOR_HTTP_PORT: String(simulatorHttp),
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
        SMPP_PASSWORD,
        LOG_LEVEL: level,
        LOG_FORMAT: format,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        ...extra,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    ).then((p) => {
      url = p.match[1];
      return p;
    });
    outputs.push({ label, output: platform.output });
  };

  beforeAll(async () => {
    collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        otlpBodies.push((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    otlpEndpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    await start('start 1 (debug, json)', 'debug', 'json');
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    if (process.env['LOGS_E2E_DUMP']) {
      const { writeFileSync } = await import('node:fs');
      outputs.forEach((o, i) => writeFileSync(`${process.env['LOGS_E2E_DUMP']}/output-${i}.log`, o.output()));
      writeFileSync(`${process.env['LOGS_E2E_DUMP']}/otlp.jsonl`, otlpBodies.join('\n'));
    }
    await new Promise((resolve) => collector?.close(resolve));
  });

  it('runs a full scenario: send, refusals, gRPC, replies, restart and crash', async () => {
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    const { signatureId, templateId } = run.request as { signatureId: string; templateId: string };

    // Refused recipients next to an accepted one, then parameters the template refuses, then a body that fails validation.
    const mixed = await expectStatus(202, 'POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: REFUSED_SEND }, customer());
    expect(mixed.rejected.map((r: { code: string }) => r.code)).toEqual(['INVALID_PHONE_NUMBER', 'INVALID_PHONE_NUMBER']);
    const badParam = await call('POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: BAD_PARAM }, phoneNumbers: [RECIPIENTS[0]] }, customer());
    expect(badParam.body.code).toBe('TEMPLATE_PARAM_INVALID');
    const missing = await call('POST', `${url}/v1/messages`, { signatureId, templateId, params: {}, phoneNumbers: [RECIPIENTS[1]] }, customer());
    expect(missing.body.code).toBe('TEMPLATE_PARAM_MISSING');
    const tooLong = await call('POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: [`${RECIPIENTS[0]}${' '.repeat(40)}`] }, customer());
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    const malformed = await call('POST', `${url}/v1/messages`, `{"signatureId":"${signatureId}","phoneNumbers":["${RECIPIENTS[0]}"`, customer());
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const notMine = await call('POST', `${url}/v1/messages`, { accountId: 'someone-else', signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: [RECIPIENTS[2]] }, customer());
    expect(notMine.status).toBeGreaterThanOrEqual(400);
    // A number in a query string (URL-encoded +), by the customer and by staff (audited).
    await expectStatus(200, 'GET', `${url}/v1/messages?phoneNumber=${encodeURIComponent('+8613800138000')}`, undefined, customer());
    await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${run.accountId}&phoneNumber=${encodeURIComponent(RECIPIENTS[2])}`, undefined, admin);

    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const sent = await unary<any>(client, 'SendMessages', { signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: [GRPC_NUMBER, 'not-a-number'] }, run.customerToken);
    expect(sent.messages).toHaveLength(1);
    await expect(unary(client, 'SendMessages', { signatureId, templateId, params: { order: BAD_PARAM }, phoneNumbers: [GRPC_NUMBER] }, run.customerToken)).rejects.toMatchObject({ code: 3 });
    client.close();

    // Replies from phones: one from a number the account wrote to, one from a number nobody wrote to.
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: '+8613012345678', to: '10690000', text: MO_TEXT });
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: UNKNOWN_SENDER, to: '10690000', text: MO_TEXT_UNKNOWN });
    await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, customer());
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in GET /v1/inbound-messages');

    // A clean restart, pretty at debug: the same searches must hold for the pretty formatter.
    await platform.stop();
    await start('start 2 (debug, pretty)', 'debug', 'pretty');
    const after = await expectStatus(202, 'POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: [AFTER_RESTART] }, customer());
    await eventually(async () => {
      const message = await expectStatus(200, 'GET', `${url}/v1/messages/${after.messages[0].messageId}`, undefined, customer());
      // Thrown, not undefined: a timeout then says where the message stopped.
      if (message.status !== 'DELIVERED') throw new Error(`status ${message.status}${message.error ? ` (${message.error.code})` : ''}`);
      return message;
    }, 'the message sent after the restart to be delivered');

    // A crash mid-stream, then a start at trace (JSON) that recovers what was accepted.
    const crash = await expectStatus(202, 'POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO20261123' }, phoneNumbers: CRASH_NUMBERS, outId: 'crash' }, { 'Idempotency-Key': 'logs-crash', ...customer() });
    platform.child.kill('SIGKILL');
    await new Promise((resolve) => platform.child.once('exit', resolve));
    await start('start 3 (trace, json, after SIGKILL)', 'trace', 'json');
    await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/messages?status=DELIVERED&limit=1000`, undefined, customer());
      const delivered = new Set(page.items.map((m: { messageId: string }) => m.messageId));
      return crash.messages.every((m: { messageId: string }) => delivered.has(m.messageId)) ? true : undefined;
    }, 'every message accepted before the crash to be delivered');
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: CRASH_NUMBERS[0], to: '10690000', text: MO_TEXT });
    await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, customer());
      return page.items.length >= 2 ? page.items : undefined;
    }, 'the second reply');
    // SIGTERM flushes the last spans.
    await platform.stop();
  }, 90_000);

  it('wrote debug lines in both formats and exported spans, so the search below means something', () => {
    const [json, pretty, tracing] = outputs.map((o) => o.output());
    expect(json.match(/"level":"debug"/g)?.length ?? 0).toBeGreaterThan(10);
    expect(pretty.match(/^\d\d:\d\d:\d\d\.\d{3} DEBUG /gm)?.length ?? 0).toBeGreaterThan(10);
    expect(tracing.match(/"level":"debug"/g)?.length ?? 0).toBeGreaterThan(10);
    const spans = otlpBodies.flatMap((body) =>
      (JSON.parse(body).resourceSpans ?? []).flatMap((rs: any) =>
        (rs.scopeSpans ?? []).flatMap((ss: any) => (ss.spans ?? []).map((span: any) => ({ service: serviceName(rs), name: span.name as string }))),
      ),
    );
    expect(spans.length).toBeGreaterThan(20);
    // The carrier thread traces what it consumes from Kafka; on the in-process bus its work arrives over a port.
    expect(spans.map((s) => s.service)).toContain('sms-platform');
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['process sms.internal.messages-accepted', 'process sms.internal.inbound-received']));
  });

  it('finds no phone number unmasked, in any notation, in any output or span', () => {
    const numbers = [...RECIPIENTS, REFUSED_SEND[0], REFUSED_SEND[2], GRPC_NUMBER, AFTER_RESTART, UNKNOWN_SENDER, ...CRASH_NUMBERS];
    const leaks = numbers.flatMap((number) => findAll(phoneNeedles(number)));
    expect(leaks).toEqual([]);
  });

  it('finds no message text: rendered template, parameters or replies', () => {
    const texts = [
      LONG_TEMPLATE.slice(0, 12), // 尊敬的客户，您的订单
      '已经发货，预计三天内送达',
      '请保持手机畅通',
      'SO20261123',
      'SO-BAD-7741',
      MO_TEXT,
      'MOZX7731',
      MO_TEXT_UNKNOWN,
      'MOQY5520',
    ];
    expect(texts.flatMap((text) => findAll(textNeedles(text)))).toEqual([]);
  });

  it('finds no secret and no contact e-mail', () => {
    const secrets = [run.customerToken.split('.').pop() as string];
    expect(secrets.every((secret) => secret.length > 16)).toBe(true);
    const needles: Needle[] = [
      ...secrets.map((secret) => ({ label: 'customer key secret', pattern: escape(secret) })),
      { label: 'admin key', pattern: escape(E2E_ADMIN_TOKEN) },
      { label: 'admin key secret part', pattern: escape(E2E_ADMIN_TOKEN.slice(-24)) },
      { label: 'SMPP password', pattern: escape(SMPP_PASSWORD) },
      { label: 'contact e-mail', pattern: escape(CONTACT_EMAIL), caseInsensitive: true },
      { label: 'contact e-mail local part', pattern: 'ops@acme' },
    ];
    expect(findAll(needles)).toEqual([]);
  });

  /** Every place a needle occurs, with the source and the line around it. */
  function findAll(needles: Needle[]): string[] {
    const sources = [
      ...outputs.map((o) => ({ label: o.label, text: o.output() })),
      ...otlpBodies.map((text, i) => ({ label: `OTLP body ${i}`, text })),
    ];
    const found: string[] = [];
    for (const needle of needles) {
      const re = new RegExp(needle.pattern, needle.caseInsensitive ? 'gi' : 'g');
      for (const source of sources) {
        for (const match of source.text.matchAll(re)) {
          const at = match.index ?? 0;
          found.push(`${needle.label} in ${source.label}: …${source.text.slice(Math.max(0, at - 160), at + match[0].length + 80)}…`);
          if (found.length > 40) return found;
        }
      }
    }
    return found;
  }
});

interface Needle {
  label: string;
  pattern: string;
  caseInsensitive?: boolean;
}

function serviceName(resourceSpans: any): string | undefined {
  return resourceSpans.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A number as it might be written: its digits with any spacing or punctuation between them (13800138000,
 * +8613800138000, +86 138 0013 8000, 138-0013-8000, (138) 0013.8000 …, also URL-encoded), and the ASCII digits
 * as hexadecimal or base64 (a PDU or buffer dumped whole).
 */
function phoneNeedles(number: string): Needle[] {
  const digits = number.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  return [
    { label: `number ${number}`, pattern: national.split('').join('(?:[\\s\\-.()/]|%20|%2D){0,3}') },
    ...encodedNeedles(`number ${number}`, Buffer.from(national, 'ascii')),
  ];
}

/** A text as written, JSON-escaped (\uXXXX), and as UTF-8 or UCS-2 bytes in hex or base64. */
function textNeedles(text: string): Needle[] {
  const jsonEscaped = Array.from(text, (c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
  const ucs2 = Buffer.from(text, 'utf16le').swap16();
  return [
    { label: `text ${text}`, pattern: escape(text) },
    { label: `text ${text} (JSON-escaped)`, pattern: escape(jsonEscaped) },
    ...encodedNeedles(`text ${text} (UTF-8)`, Buffer.from(text, 'utf8')),
    ...encodedNeedles(`text ${text} (UCS-2)`, ucs2),
  ];
}

function encodedNeedles(label: string, bytes: Buffer): Needle[] {
  const needles: Needle[] = [{ label: `${label} as hex`, pattern: bytes.toString('hex'), caseInsensitive: true }];
  // base64 depends on where the bytes start in a 3-byte group: take the characters fixed by these bytes alone.
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const stable = encoded.slice(Math.ceil(offset / 3) * 4, Math.floor((offset + bytes.length) / 3) * 4);
    if (stable.length >= 8) needles.push({ label: `${label} as base64`, pattern: escape(stable) });
  }
  return needles;
}
