import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
import { ConfigureChannelHandler } from '../configure-channel/handler';
import { ListChannelsHandler } from '../list-channels/handler';
import { PauseChannelHandler } from '../pause-channel/handler';
import { toChannelResponse } from './channel.mapper';
import { ChannelList, ChannelResponse, ConfigureChannelDto, PauseChannelDto } from './dto';

/** Operator channels as routing sees them (ADR 0018): who they serve, their pause, their health. */
@ApiTags('channels')
@Controller('v1/channels')
export class ChannelsController {
  constructor(
    private readonly list: ListChannelsHandler,
    private readonly configure: ConfigureChannelHandler,
    private readonly pauses: PauseChannelHandler,
  ) {}

  @Get()
  @Access('operator')
  @ApiOperation({ summary: 'Every channel: routing attributes, pause, state and the carrier adapter’s last health report (sessions, window, TPS, latency, error and throttle rates)' })
  @ApiOkResponse({ type: ChannelList })
  @ApiProblems('VALIDATION_FAILED')
  listChannels(): ChannelList {
    return { items: this.list.handle().map(toChannelResponse) };
  }

  @Put(':channelId')
  @Access('operator')
  @ApiOperation({ summary: 'Create a channel or replace its routing attributes (operators, countries, kinds, priority, TPS, enabled)' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async configureChannel(@Param('channelId') channelId: string, @Body() body: ConfigureChannelDto): Promise<ChannelResponse> {
    const { countries, ...rest } = body;
    return toChannelResponse(await this.configure.handle(channelId, { ...rest, countries: countries ?? ['*'] }));
  }

  @Post(':channelId/pause')
  @HttpCode(200)
  @Access('operator')
  @ApiOperation({ summary: 'Pause a channel: it is routed to only when nothing else serves a message, and what waits on it is routed elsewhere' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiProblems(...BODY_PROBLEMS, 'CHANNEL_NOT_FOUND')
  async pauseChannel(@Param('channelId') channelId: string, @Body() body: PauseChannelDto): Promise<ChannelResponse> {
    return toChannelResponse(await this.pauses.pause(channelId, body?.reason));
  }

  @Post(':channelId/resume')
  @HttpCode(200)
  @Access('operator')
  @ApiOperation({ summary: 'Resume a paused channel' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiProblems('CHANNEL_NOT_FOUND')
  async resumeChannel(@Param('channelId') channelId: string): Promise<ChannelResponse> {
    return toChannelResponse(await this.pauses.resume(channelId));
  }
}
