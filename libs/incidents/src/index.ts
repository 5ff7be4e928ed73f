export * from './incidents.module';
export * from './impact-query';
export * from './dto/impact.types';
export * from './figures/impact-trends.service';
export * from './figures/impact-briefing.service';
export { impactFigures, type ImpactFigureRow } from './figures/impact-figures.sql';
export * from './public-summary/public-summary.service';
export * from './definition/patient-care-definition.bootstrap';
export * from './migrations/1766820000000-incident-figures';
export * from './migrations/1766870000001-incident-figure-size';
export * from './migrations/1766870000002-incident-open-rollup';
export * from './migrations/1766920000000-incident-restricted-rollup';
export * from './migrations/1766920000001-incident-readers-index-fastupdate-off';
export * from './migrations/1767200000000-incident-restricted-cells';

import { IncidentFigures1766820000000 } from './migrations/1766820000000-incident-figures';
import { IncidentFigureSize1766870000001 } from './migrations/1766870000001-incident-figure-size';
import { IncidentOpenRollup1766870000002 } from './migrations/1766870000002-incident-open-rollup';
import { IncidentRestrictedRollup1766920000000 } from './migrations/1766920000000-incident-restricted-rollup';
import { IncidentReadersIndexFastupdateOff1766920000001 } from './migrations/1766920000001-incident-readers-index-fastupdate-off';
import { IncidentOpenRollupOrganizationLock1766920000002 } from './migrations/1766920000002-incident-open-rollup-organization-lock';
import { IncidentRestrictedCells1767200000000 } from './migrations/1767200000000-incident-restricted-cells';
import { IncidentRevokedCountsNowhere1767700000001 } from './migrations/1767700000001-incident-revoked-counts-nowhere';
export const incidentsMigrations = [
  IncidentFigures1766820000000,
  IncidentFigureSize1766870000001,
  IncidentOpenRollup1766870000002,
  IncidentRestrictedRollup1766920000000,
  IncidentReadersIndexFastupdateOff1766920000001,
  IncidentOpenRollupOrganizationLock1766920000002,
  IncidentRestrictedCells1767200000000,
  IncidentRevokedCountsNowhere1767700000001,
];
