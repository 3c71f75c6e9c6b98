// Moved to web/model/norms.js; kept until tests/e2e imports it from there.
export * from '../../model/norms.js';
