// performance marks around a widget's recompute + render, named nl:NAME, which the e2e suite reads.
export function markStart(name) {
  performance.mark(`nl:${name}:start`);
}

export function markEnd(name) {
  try {
    performance.measure(`nl:${name}`, `nl:${name}:start`);
  } catch {
    // no start mark yet (a render that no recompute preceded): nothing to measure
  }
}
