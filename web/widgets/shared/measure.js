// Performance marks around a widget's recompute and the render that shows it, named nl:NAME, which
// the e2e suite reads: markStart where the recompute begins, markEnd in updated(). A render that no
// recompute preceded (a hover, a playback frame) is not measured.
export function markStart(name) {
  performance.mark(`nl:${name}:start`);
}

export function markEnd(name) {
  const start = `nl:${name}:start`;
  if (!performance.getEntriesByName(start, 'mark').length) return;
  performance.measure(`nl:${name}`, start);
  performance.clearMarks(start);
}
