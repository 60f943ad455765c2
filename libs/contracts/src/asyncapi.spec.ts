import { asyncApiDocument, EVENT_CATALOGUE } from './asyncapi';
import { deadLetterTopic, INTERNAL_TOPICS, PUBLIC_TOPICS } from './topics';

describe('AsyncAPI document', () => {
  const doc = asyncApiDocument() as any;

  it('describes every topic the platform uses, and nothing else', () => {
    const addresses = Object.values(doc.channels).map((c: any) => c.address).sort();
    expect(addresses).toEqual([...Object.values(PUBLIC_TOPICS), ...Object.values(INTERNAL_TOPICS)].sort());
  });

  it('names each topic dead-letter twin', () => {
    for (const channel of Object.values(doc.channels) as any[]) expect(channel.description).toContain(deadLetterTopic(channel.address));
  });

  it('has one message per event type, each reachable from its channel and an operation', () => {
    const types = EVENT_CATALOGUE.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    for (const event of EVENT_CATALOGUE) {
      const name = Object.keys(doc.components.messages).find((k) => doc.components.messages[k].name === event.type) as string;
      expect(name).toBeDefined();
      const channel = Object.values(doc.channels).find((c: any) => c.address === event.topic) as any;
      expect(channel.messages[name]).toEqual({ $ref: `#/components/messages/${name}` });
      expect(Object.values(doc.operations).some((o: any) => o.messages[0].$ref.endsWith(`/messages/${name}`))).toBe(true);
    }
  });

  it('spells out the public delivery report field by field', () => {
    const report = EVENT_CATALOGUE.find((e) => e.type === 'sms.delivery-report.v1')?.payload as any;
    expect(Object.keys(report.properties)).toEqual(
      expect.arrayContaining(['messageId', 'batchId', 'accountId', 'outId', 'phoneNumber', 'status', 'operator', 'operatorMessageId', 'errorCode', 'submittedAt', 'doneAt', 'segments']),
    );
    expect(report.properties.status.enum).toEqual(['DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED']);
  });
});
