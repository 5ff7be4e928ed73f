import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule, HealthModule, HubConfig, HubConfigModule, HubMetrics, MetricsModule } from '@hub/platform';
import { AlertsModule, LiveTransport } from '@hub/alerts';
import { AuditModule } from '@hub/audit';
import { ExportsModule } from '@hub/exports';
import { ExposureModule } from '@hub/exposure';
import { ImportsModule } from '@hub/imports';
import { IncidentsModule } from '@hub/incidents';
import { IntelModule } from '@hub/intel';
import { MembersModule } from '@hub/members';
import { AnswerCache, AnswerCacheMiddleware, SharingModule } from '@hub/sharing';
import { TaxiiModule } from '@hub/taxii';
import { TrendsModule } from '@hub/trends';
import type { Logger } from 'pino';
import { typeOrmOptions } from './database/hub-database';
import { GRAPHQL_PATH, graphqlOptions } from './graphql/graphql-options';
import { HubInfoModule } from './hub-info/hub-info.module';

export interface AppModuleOptions {
  config: HubConfig;
  databaseUrl: string;
  logger: Logger;
}

@Module({})
export class AppModule implements NestModule {
  static register({ config, databaseUrl, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HubConfigModule.forRoot(config, logger),
        EventsModule,
        TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)),
        MetricsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AlertsModule],
          inject: [LiveTransport],
          useFactory: (live: LiveTransport) => graphqlOptions(logger, live),
        }),
        HealthModule,
        HubInfoModule,
        AuditModule,
        MembersModule,
        SharingModule,
        TrendsModule,
        AlertsModule,
        TaxiiModule,
        ExportsModule,
        ImportsModule,
        IntelModule,
        ExposureModule,
        IncidentsModule,
      ],
      providers: [
        {
          // The answer cache counts its hits itself; the metrics read the count when scraped.
          provide: 'ANSWER_CACHE_METRICS',
          inject: [HubMetrics, AnswerCache],
          useFactory: (metrics: HubMetrics, cache: AnswerCache) => metrics.registry.collectWith(() => metrics.answerCacheHits.set(cache.counts.hits)),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Runs after the JSON body is read (hub-app.ts) and before Apollo: repeated reads are answered here.
    consumer.apply(AnswerCacheMiddleware).forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.POST });
  }
}
