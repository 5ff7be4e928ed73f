export * from './incidents.module';
export * from './impact-query';
export * from './dto/impact.types';
export * from './figures/impact-trends.service';
export * from './figures/impact-briefing.service';
export { impactFigures } from './figures/impact-figures.sql';
export * from './public-summary/public-summary.service';
export * from './definition/patient-care-definition.bootstrap';
export * from './migrations/1766820000000-incident-figures';
export * from './migrations/1766870000001-incident-figure-size';
export * from './migrations/1766870000002-incident-open-rollup';
export * from './migrations/1766920000000-incident-restricted-rollup';

import { IncidentFigures1766820000000 } from './migrations/1766820000000-incident-figures';
import { IncidentFigureSize1766870000001 } from './migrations/1766870000001-incident-figure-size';
import { IncidentOpenRollup1766870000002 } from './migrations/1766870000002-incident-open-rollup';
import { IncidentRestrictedRollup1766920000000 } from './migrations/1766920000000-incident-restricted-rollup';
export const incidentsMigrations = [IncidentFigures1766820000000, IncidentFigureSize1766870000001, IncidentOpenRollup1766870000002, IncidentRestrictedRollup1766920000000];
