import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HUB_CONFIG, HUB_LOGGER } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OrganizationsService } from '../organizations/organizations.service';
import { SYSTEM_ACTOR } from '../shared/actor';
import { passwordProblems } from '../users/password-policy';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';

// Any fixed number: replicas starting together create the first admin once.
const FIRST_ADMIN_LOCK = 4_242_102;

/**
 * On start, with HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD set and no admin in the database yet,
 * creates the hub operator organisation and that admin. There is no default password: without
 * the variables nobody is created (use `npm run hub -- user create` instead).
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const firstAdmin = this.config.firstAdmin;
    if (!firstAdmin) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const [{ admins }] = (await manager.query("SELECT count(*)::int AS admins FROM hub_user WHERE role = 'ADMIN'")) as { admins: number }[];
      if (admins > 0) return;

      const problems = passwordProblems(firstAdmin.password, firstAdmin.email);
      if (problems.length) throw new Error(`HUB_ADMIN_PASSWORD does not meet the password policy: it ${problems.join('; it ')}`);
      if (await manager.existsBy(UserEntity, { email: firstAdmin.email })) {
        throw new Error(`HUB_ADMIN_EMAIL ${firstAdmin.email} already belongs to a user who is not an admin; choose another address`);
      }
      const operator = await this.organizations.findOrCreateOperator(manager);
      const admin = await this.users.create({ email: firstAdmin.email, password: firstAdmin.password, role: 'ADMIN', organizationId: operator.id }, SYSTEM_ACTOR, manager);
      this.logger.info({ email: admin.email, organizationId: operator.id }, 'first admin created');
    });
  }
}
