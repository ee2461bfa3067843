// Platform-neutral calendar for Danish municipalities: public and school holidays, working hours,
// and when staff may be messaged. Pure functions; every zone is passed in explicitly.
export * from './dates.js';
export * from './public-holidays.js';
export * from './school-holidays.js';
export * from './working-time.js';
