import { alertsMigrations } from '@hub/alerts';
import { auditMigrations } from '@hub/audit';
import { exposureMigrations } from '@hub/exposure';
import { importsMigrations } from '@hub/imports';
import { incidentsMigrations } from '@hub/incidents';
import { intelMigrations } from '@hub/intel';
import { membersMigrations } from '@hub/members';
import { sharingMigrations } from '@hub/sharing';
import { taxiiMigrations } from '@hub/taxii';
import { trendsMigrations } from '@hub/trends';

// Every schema change of every feature, applied in timestamp order on start (never `synchronize`).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const hubMigrations: Function[] = [...membersMigrations, ...auditMigrations, ...sharingMigrations, ...trendsMigrations, ...alertsMigrations, ...taxiiMigrations, ...importsMigrations, ...intelMigrations, ...exposureMigrations, ...incidentsMigrations];
