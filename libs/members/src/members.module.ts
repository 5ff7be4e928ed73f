import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@hub/audit';
import { HUB_CONFIG, HUB_LOGGER } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeysResolver } from './api-keys/api-keys.resolver';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthResolver } from './auth/auth.resolver';
import { FirstAdminBootstrap } from './auth/first-admin.bootstrap';
import { HubAuthGuard } from './auth/hub-auth.guard';
import { HubPassport } from './auth/hub-passport';
import { JWT_SECRET, resolveJwtSecret } from './auth/jwt-secret';
import { FAILURE_COUNTER } from './auth/login-throttle/failure-counter';
import type { FailureCounter } from './auth/login-throttle/failure-counter';
import { LoginThrottle } from './auth/login-throttle/login-throttle';
import { MemoryFailureCounter } from './auth/login-throttle/memory-failure-counter';
import { RedisFailureCounter } from './auth/login-throttle/redis-failure-counter';
import { SignInLockLifts } from './auth/login-throttle/sign-in-lock-lifts';
import { LoginService } from './auth/login.service';
import { SessionController } from './auth/session/session.controller';
import { SessionService } from './auth/session/session.service';
import { TokenService } from './auth/token.service';
import { ViewerService } from './auth/viewer.service';
import { OrganizationEntity } from './organizations/organization.entity';
import { OrganizationsResolver } from './organizations/organizations.resolver';
import { OrganizationsService } from './organizations/organizations.service';
import { SharingGroupEntity } from './sharing-groups/sharing-group.entity';
import { SharingGroupsResolver } from './sharing-groups/sharing-groups.resolver';
import { SharingGroupsService } from './sharing-groups/sharing-groups.service';
import { PasswordHasher } from './users/password-hasher';
import { UserEntity } from './users/user.entity';
import { UsersResolver } from './users/users.resolver';
import { UsersService } from './users/users.service';

/** With REDIS_URL, every replica shares the failed-login counts; otherwise they live in this process. */
function failureCounterFor(config: HubConfig, logger: Logger): FailureCounter {
  if (!config.redisUrl) return new MemoryFailureCounter();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', (error: Error) => logger.warn({ err: error, component: 'redis' }, 'Redis connection problem (login rate limits)'));
  return new RedisFailureCounter(redis, config.redisPrefix);
}

/**
 * Who is asking: organisations, users, sharing groups, API keys, sign-in, and the global guard
 * that builds the viewer of every request. Global, so any module can use ViewerService and the
 * services without importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity, UserEntity, SharingGroupEntity, ApiKeyEntity]), AuditModule],
  controllers: [SessionController],
  providers: [
    OrganizationsService,
    UsersService,
    SharingGroupsService,
    ApiKeysService,
    PasswordHasher,
    TokenService,
    SessionService,
    ViewerService,
    LoginService,
    LoginThrottle,
    SignInLockLifts,
    HubPassport,
    HubAuthGuard,
    FirstAdminBootstrap,
    OrganizationsResolver,
    UsersResolver,
    SharingGroupsResolver,
    ApiKeysResolver,
    AuthResolver,
    { provide: APP_GUARD, useExisting: HubAuthGuard },
    {
      provide: JWT_SECRET,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => resolveJwtSecret(config.jwtSecret, config.dataDir),
    },
    { provide: FAILURE_COUNTER, inject: [HUB_CONFIG, HUB_LOGGER], useFactory: failureCounterFor },
  ],
  exports: [ViewerService, HubAuthGuard, HubPassport, OrganizationsService, UsersService, SharingGroupsService, ApiKeysService, SignInLockLifts, TokenService, AuditModule],
})
export class MembersModule {}
