export { benchPatternParsing } from './pattern.bench';
export { benchStixValidation } from './validate.bench';
