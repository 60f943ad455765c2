import type { Provider, Type } from '@nestjs/common';
import { StatisticsController, StatisticsGrpcController } from './api/statistics.controller';
import { GetStatisticsHandler } from './get-statistics/handler';
import { STATISTICS_INFRASTRUCTURE } from './infrastructure/providers';

/** What DispatchModule registers for statistics (DOMAIN §7, ADR 0020). */
export const STATISTICS_PROVIDERS: Provider[] = [...STATISTICS_INFRASTRUCTURE, GetStatisticsHandler];
export const STATISTICS_CONTROLLERS: Type[] = [StatisticsController, StatisticsGrpcController];
