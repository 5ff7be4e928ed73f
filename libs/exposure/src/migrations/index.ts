import { Exposure1766830000000 } from './1766830000000-exposure';
import { ExposureSetBasedWrites1766930000000 } from './1766930000000-exposure-set-based-writes';

/** The exposure schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const exposureMigrations = [Exposure1766830000000, ExposureSetBasedWrites1766930000000];
