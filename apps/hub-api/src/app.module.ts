import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, HubConfig, HubConfigModule } from '@hub/platform';
import { Logger } from 'pino';
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
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          extra: { max: 20 },
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(logger) }),
        HealthModule,
        HubInfoModule,
      ],
    };
  }
}
