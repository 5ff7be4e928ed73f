import { Alerts1764200000000 } from './1764200000000-alerts';
import { AlertDeliveries1766300000400 } from './1766300000400-alert-deliveries';
import { OrganizationAssets1766810000000 } from './1766810000000-organization-assets';

/** The alerts schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const alertsMigrations = [Alerts1764200000000, AlertDeliveries1766300000400, OrganizationAssets1766810000000];
