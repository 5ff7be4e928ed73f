import { Exposure1766830000000 } from './1766830000000-exposure';

/** The exposure schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const exposureMigrations = [Exposure1766830000000];
