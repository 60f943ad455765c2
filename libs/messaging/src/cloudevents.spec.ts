import type { IntegrationEvent } from './bus.port';
import { fromKafkaRecord, InvalidEventError, MalformedEventError, toKafkaRecord, type IncomingRecord } from './cloudevents';

const event: IntegrationEvent<{ messageId: string; amountMinor: number; text: string; tags: string[] }> = {
  id: '6f1c2b1e-0c55-4c7e-9c1a-1f5c2b8e9a01',
  type: 'sms.delivery-report.v1',
  source: '/sms/carrier-adapter',
  time: '2025-01-02T03:04:05.678Z',
  subject: 'msg-1',
  key: 'acc-42',
  data: { messageId: 'msg-1', amountMinor: 12_3400, text: '验证码 ünïcode', tags: ['a', 'b'] },
  extensions: {
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    tracestate: 'vendor=x',
    partnerref: 'p-9',
  },
};

/** What kafkajs hands a consumer: every header and the value as Buffers. */
function asConsumed(record: ReturnType<typeof toKafkaRecord>): IncomingRecord & { headers: Record<string, Buffer> } {
  return {
    key: Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
    headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

describe('CloudEvents Kafka binding (binary mode)', () => {
  it('maps attributes to ce_ headers, trace context to W3C headers and data to a JSON value', () => {
    const record = toKafkaRecord(event);
    expect(record.key).toBe('acc-42');
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'sms.delivery-report.v1',
      ce_source: '/sms/carrier-adapter',
      ce_time: '2025-01-02T03:04:05.678Z',
      ce_subject: 'msg-1',
      ce_partnerref: 'p-9',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'vendor=x',
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value as string)).toEqual(event.data);
  });

  it('round-trips every attribute through a consumed record', () => {
    expect(fromKafkaRecord(asConsumed(toKafkaRecord(event)))).toEqual(event);
  });

  it('round-trips an event without subject, extensions or data', () => {
    const bare: IntegrationEvent = { id: 'e1', type: 't.v1', source: '/s', time: '2025-01-02T03:04:05Z', key: 'k', data: undefined };
    const parsed = fromKafkaRecord(asConsumed(toKafkaRecord(bare)));
    expect(parsed).toEqual(bare);
    expect(Object.keys(parsed)).not.toContain('extensions');
    expect(Object.keys(parsed)).not.toContain('subject');
  });

  it('keeps null data distinct from no data', () => {
    const record = toKafkaRecord({ ...event, data: null });
    expect(record.value).toBe('null');
    expect(fromKafkaRecord(asConsumed(record)).data).toBeNull();
  });

  it('refuses bigint data, so money must travel as safe integers', () => {
    expect(() => toKafkaRecord({ ...event, data: { amountMinor: 10n } })).toThrow(InvalidEventError);
    expect(() => toKafkaRecord({ ...event, data: { amountMinor: 10n } })).toThrow(/BigInt/);
  });

  it('keeps large safe integers exact', () => {
    const data = { amountMinor: Number.MAX_SAFE_INTEGER };
    expect(fromKafkaRecord(asConsumed(toKafkaRecord({ ...event, data }))).data).toEqual(data);
  });

  it.each([
    ['an empty id', { id: '' }],
    ['a missing type', { type: undefined }],
    ['a time that is not RFC 3339', { time: '02/01/2025' }],
    ['an empty key', { key: '' }],
    ['an upper-case extension name', { extensions: { partnerRef: 'x' } }],
    ['an extension named like a core attribute', { extensions: { source: 'x' } }],
  ])('refuses to publish an event with %s', (_label, patch) => {
    expect(() => toKafkaRecord({ ...event, ...patch } as IntegrationEvent)).toThrow(InvalidEventError);
  });

  describe('parsing rejects a malformed record with a typed error', () => {
    const good = () => asConsumed(toKafkaRecord(event));
    const without = (header: string): IncomingRecord => {
      const record = good();
      delete record.headers[header];
      return record;
    };

    it.each(['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time'])('missing %s', (header) => {
      expect(() => fromKafkaRecord(without(header))).toThrow(MalformedEventError);
    });

    it('an unsupported specversion', () => {
      const record = good();
      record.headers.ce_specversion = Buffer.from('0.3');
      expect(() => fromKafkaRecord(record)).toThrow(/specversion/);
    });

    it('a value that is not JSON', () => {
      expect(() => fromKafkaRecord({ ...good(), value: Buffer.from('{not json') })).toThrow(MalformedEventError);
    });

    it('a non-JSON content type', () => {
      const record = good();
      record.headers['content-type'] = Buffer.from('application/avro');
      expect(() => fromKafkaRecord(record)).toThrow(/content-type/);
    });

    it('a record without key', () => {
      expect(() => fromKafkaRecord({ ...good(), key: null })).toThrow(MalformedEventError);
    });

    it('names the event id when it has one', () => {
      expect(() => fromKafkaRecord(without('ce_type'))).toThrow(event.id);
    });

    it('a record with no headers at all', () => {
      expect(() => fromKafkaRecord({ key: 'k', value: '{}' })).toThrow(MalformedEventError);
    });
  });

  it('accepts string headers, repeated headers (last wins) and a JSON content type with parameters', () => {
    const record = toKafkaRecord(event);
    const parsed = fromKafkaRecord({
      key: record.key,
      value: record.value,
      headers: { ...record.headers, ce_subject: [Buffer.from('old'), 'msg-1'], 'content-type': 'application/json; charset=utf-8' },
    });
    expect(parsed).toEqual(event);
  });

  it('ignores headers outside the binding', () => {
    const record = asConsumed(toKafkaRecord(event));
    record.headers['x-other'] = Buffer.from('1');
    expect(fromKafkaRecord(record)).toEqual(event);
  });
});
