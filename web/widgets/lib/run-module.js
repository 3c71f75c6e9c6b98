// Moved to web/model/run-module.js; kept until tests/e2e imports it from there.
export * from '../../model/run-module.js';
