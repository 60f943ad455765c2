import { WorkflowSpecification } from '@sms/use-case-kit/core';
import type { BatchEvent } from './events';
import { FundsReserved, NO_ROUTE_DETAIL, routeBatchWorkflow } from './route-batch';
import { routerOfTable, type RoutingTable } from './routing';

const accepted: BatchEvent = {
  type: 'BatchAccepted',
  data: {
    batchId: 'b-1',
    accountId: 'acc-1',
    kind: 'notification',
    signatureId: 'sig-1',
    templateId: 'tpl-1',
    acceptedAt: '2026-11-23T10:00:00.000Z',
    texts: { domestic: '【阿里云】您好', international: 'Hello' },
    messages: [
      { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
      { messageId: 'm-2', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
      { messageId: 'm-3', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
    ],
    rejected: [],
  },
};

const routedAt = '2026-11-23T10:00:05.000Z';
const reserved = (...messageIds: string[]): FundsReserved => ({ type: 'FundsReserved', reserved: messageIds.map((messageId) => ({ messageId })), routedAt });
const domesticOnly = WorkflowSpecification.for(routeBatchWorkflow({ CMCC: 'cmpp-1', CUCC: 'smpp-default' }));

describe('routing a batch once its funds are reserved', () => {
  it('given an accepted batch, when funds are reserved, then one BatchRouted per channel, without the texts', () => {
    domesticOnly
      .given([accepted])
      .when(reserved('m-1', 'm-2'))
      .then([
        {
          type: 'BatchRouted',
          data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'cmpp-1', routedAt, messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' }] },
        },
        {
          type: 'BatchRouted',
          data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'smpp-default', routedAt, messages: [{ messageId: 'm-2', phoneNumber: '+8613012345678', segments: 1, operator: 'CUCC' }] },
        },
      ]);
  });

  it('given no channel serves an operator, then its messages fail with NO_ROUTE and the rest are routed', () => {
    domesticOnly
      .given([accepted])
      .when(reserved('m-3', 'm-1'))
      .then([
        {
          type: 'BatchRouted',
          data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'cmpp-1', routedAt, messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' }] },
        },
        { type: 'BatchRoutingFailed', data: { batchId: 'b-1', accountId: 'acc-1', failedAt: routedAt, code: 'NO_ROUTE', detail: NO_ROUTE_DETAIL, messageIds: ['m-3'] } },
      ]);
  });

  it('given the batch was routed already, when the same reservation comes again, then nothing', () => {
    const history = WorkflowSpecification.for(routeBatchWorkflow({ '*': 'smpp-default' }));
    const outputs = history.given([accepted]).when(reserved('m-1', 'm-2', 'm-3')).outputs;
    history.given([accepted, ...outputs]).when(reserved('m-1', 'm-2', 'm-3')).thenNothing();
    history.given([accepted, ...outputs]).when(reserved('m-1')).thenNothing();
  });

  it('routes only what is new when a later reservation overlaps an earlier one', () => {
    const workflow = WorkflowSpecification.for(routeBatchWorkflow({ '*': 'smpp-default' }));
    const first = workflow.given([accepted]).when(reserved('m-1')).outputs;
    workflow
      .given([accepted, ...first])
      .when(reserved('m-1', 'm-2'))
      .then([
        {
          type: 'BatchRouted',
          data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'smpp-default', routedAt, messages: [{ messageId: 'm-2', phoneNumber: '+8613012345678', segments: 1, operator: 'CUCC' }] },
        },
      ]);
  });

  it('ignores messages that are not of the batch, duplicates, and batches it never accepted', () => {
    domesticOnly.given([accepted]).when(reserved('nope')).thenNothing();
    domesticOnly.given([]).when(reserved('m-1')).thenNothing();
    const [routed] = domesticOnly.given([accepted]).when(reserved('m-1', 'm-1')).outputs;
    expect(routed).toMatchObject({ type: 'BatchRouted', data: { messages: [{ messageId: 'm-1' }] } });
  });
});

describe('routing', () => {
  const routeFor = (operator: 'CMCC' | 'CUCC', table: RoutingTable) => routerOfTable(table).route(operator, 'notification', 'CN');
  it('uses the operator entry, else the default', () => {
    expect(routeFor('CMCC', { CMCC: 'cmpp-1', '*': 'smpp-default' })).toBe('cmpp-1');
    expect(routeFor('CUCC', { CMCC: 'cmpp-1', '*': 'smpp-default' })).toBe('smpp-default');
    expect(routeFor('CUCC', { CMCC: 'cmpp-1' })).toBeUndefined();
  });
});
