import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule, HealthModule, HubConfig, HubConfigModule } from '@hub/platform';
import { AlertsModule, LiveTransport } from '@hub/alerts';
import { AuditModule } from '@hub/audit';
import { MembersModule } from '@hub/members';
import { SharingModule } from '@hub/sharing';
import { TaxiiModule } from '@hub/taxii';
import { TrendsModule } from '@hub/trends';
import type { Logger } from 'pino';
import { typeOrmOptions } from './database/hub-database';
import { graphqlOptions } from './graphql/graphql-options';
import { HubInfoModule } from './hub-info/hub-info.module';

export interface AppModuleOptions {
  config: HubConfig;
  databaseUrl: string;
  logger: Logger;
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HubConfigModule.forRoot(config, logger),
        EventsModule,
        TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)),
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
      ],
    };
  }
}
