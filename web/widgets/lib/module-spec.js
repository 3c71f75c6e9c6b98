// Moved to web/model/module-spec.js; kept until tests/e2e imports it from there.
export * from '../../model/module-spec.js';
