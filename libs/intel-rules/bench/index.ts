export { benchWarninglists, generateValues, generateWarninglists } from './warninglists.bench';
