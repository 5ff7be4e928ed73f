export * from './incidents.module';
export * from './impact-query';
export * from './dto/impact.types';
export * from './figures/impact-trends.service';
export * from './public-summary/public-summary.service';
export * from './definition/patient-care-definition.bootstrap';
