import { DeciderSpecification } from '@sms/use-case-kit/core';
import { type ChannelCommand, channelDecider } from './channel';
import type { ChannelAttributes, ChannelEvent } from './events';

const at = '2026-11-23T10:00:00.000Z';
const attributes: ChannelAttributes = { protocol: 'smpp', operators: ['CMCC', 'INTERNATIONAL'], countries: ['GB', '+1'], kinds: ['notification', 'verification'], priority: 10, tps: 200, enabled: true };
const configure = (change: Partial<ChannelAttributes> = {}, channelId = 'smpp-a'): ChannelCommand => ({ type: 'ConfigureChannel', channelId, attributes: { ...attributes, ...change }, at });
const configured: ChannelEvent = { type: 'ChannelConfigured', data: { channelId: 'smpp-a', ...attributes, configuredAt: at } };
const spec = DeciderSpecification.for(channelDecider);

describe('a channel (routing attributes and pause)', () => {
  it('given none, when configured, then ChannelConfigured; the same attributes again change nothing, others replace them', () => {
    spec.given([]).when(configure()).then([configured]);
    spec.given([configured]).when(configure({ kinds: ['verification', 'notification'], countries: ['+1', 'GB'] })).thenNothing();
    spec.given([configured]).when(configure({ priority: 20 })).then([{ type: 'ChannelConfigured', data: { ...configured.data, priority: 20 } as never }]);
  });

  it.each([
    [{ operators: [] }, /operators must name/],
    [{ operators: ['VODAFONE'] }, /not one of/],
    [{ operators: ['CMCC', 'CMCC'] }, /must not repeat/],
    [{ kinds: [] }, /kinds must name/],
    [{ kinds: ['telegram'] }, /kinds: "telegram"/],
    [{ countries: [] }, /countries must name/],
    [{ countries: ['Narnia'] }, /no ISO 3166/],
    [{ countries: ['+999'] }, /no ISO 3166/],
    [{ priority: 1.5 }, /priority/],
    [{ tps: -1 }, /tps/],
  ] as Array<[Partial<ChannelAttributes>, RegExp]>)('refuses attributes %j with VALIDATION_FAILED', (change, detail) => {
    spec.given([]).when(configure(change)).thenRejects('VALIDATION_FAILED', detail);
  });

  it('refuses a channel id that is no plain name', () => {
    spec.given([]).when(configure({}, 'a b')).thenRejects('VALIDATION_FAILED', /channelId/);
  });

  it('pauses and resumes a channel once each; a repeat changes nothing; an unknown channel is CHANNEL_NOT_FOUND', () => {
    const paused: ChannelEvent = { type: 'ChannelPaused', data: { channelId: 'smpp-a', pausedAt: at, reason: 'operator trunk work' } };
    spec.given([configured]).when({ type: 'PauseChannel', channelId: 'smpp-a', reason: 'operator trunk work', at }).then([paused]);
    spec.given([configured, paused]).when({ type: 'PauseChannel', channelId: 'smpp-a', at }).thenNothing();
    const state = spec.given([configured, paused]).when({ type: 'ResumeChannel', channelId: 'smpp-a', at }).then([{ type: 'ChannelResumed', data: { channelId: 'smpp-a', resumedAt: at } }]);
    expect(state).toMatchObject({ paused: false, attributes });
    expect(state).not.toHaveProperty('pausedReason');
    spec.given([configured]).when({ type: 'ResumeChannel', channelId: 'smpp-a', at }).thenNothing();
    spec.given([]).when({ type: 'PauseChannel', channelId: 'nope', at }).thenRejects('CHANNEL_NOT_FOUND');
    spec.given([]).when({ type: 'ResumeChannel', channelId: 'nope', at }).thenRejects('CHANNEL_NOT_FOUND');
  });

  it('keeps its pause when its attributes are replaced', () => {
    const paused: ChannelEvent = { type: 'ChannelPaused', data: { channelId: 'smpp-a', pausedAt: at } };
    const state = spec.given([configured, paused]).when(configure({ tps: 5 })).then([{ type: 'ChannelConfigured', data: { ...configured.data, tps: 5 } as never }]);
    expect(state).toMatchObject({ paused: true, attributes: { tps: 5 } });
  });
});
