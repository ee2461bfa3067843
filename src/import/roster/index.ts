export * from './roles.js';
export * from './parse.js';
export * from './plan.js';
export * from './import.js';
export * from './report.js';
