export * from './accounts.js';
export * from './audit.js';
export * from './beneficiaries.js';
export * from './finance.js';
export * from './funders.js';
export * from './passes.js';
export * from './programs.js';
