export * from './dates.js';
export * from './explain.js';
export * from './fraction.js';
export * from './loonkostenvoordeel.js';
export * from './money.js';
export * from './parameters.js';
export * from './quota.js';
export * from './wage-cost-subsidy.js';
