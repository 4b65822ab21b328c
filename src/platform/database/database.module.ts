import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config.js';
import { DATABASE_URL } from './database.tokens.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';
import { Transactions } from './transactions.js';
import { buildDataSourceOptions } from './typeorm-options.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (config: ConfigType<typeof databaseConfig>) => ({
            ...buildDataSourceOptions(url, config.poolSize, config.replicaUrls),
            migrationsRun: false,
          }),
        }),
      ],
      providers: [
        { provide: DATABASE_URL, useValue: url },
        Transactions,
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
      exports: [DATABASE_URL, Transactions],
    };
  }
}
