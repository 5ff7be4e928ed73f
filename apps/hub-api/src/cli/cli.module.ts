import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@hub/audit';
import { MembersModule } from '@hub/members';
import { HubConfigModule } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import { typeOrmOptions } from '../database/hub-database';

/** The services of the hub without its HTTP and GraphQL layers, for the operators' command line. */
@Module({})
export class CliModule {
  static register({ config, databaseUrl, logger }: { config: HubConfig; databaseUrl: string; logger: Logger }): DynamicModule {
    return {
      module: CliModule,
      imports: [HubConfigModule.forRoot(config, logger), TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)), AuditModule, MembersModule],
    };
  }
}
