// Numbers read off a training run's records (web/model/training-run.js): what the experiments'
// statements are about. No DOM.

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A summary of one run's records: smoothed loss at marks, steps to a loss, final accuracies. */
export function summarize(records, { marks = [], target = 0.3, smoothing = 20 } = {}) {
  const losses = records.filter((r) => r.step > 0).map((r) => r.loss);
  const smooth = (k) => mean(losses.slice(Math.max(0, k - smoothing), k));
  let reach = null;
  for (let k = smoothing; k <= losses.length; k++)
    if (smooth(k) < target) {
      reach = k;
      break;
    }
  const evals = records.filter((r) => r.eval);
  const last = evals.at(-1).eval;
  const tail = records.slice(-Math.min(200, records.length - 1)).map((r) => r.trainAccuracy);
  return {
    lossAt: Object.fromEntries(
      marks.filter((m) => m <= losses.length).map((m) => [m, +smooth(m).toFixed(4)]),
    ),
    stepsToLoss: reach,
    heldOutError: +(1 - last.heldOut.accuracy).toFixed(4),
    trainEvalError: last.train ? +(1 - last.train.accuracy).toFixed(4) : undefined,
    trainModeError: +(1 - mean(tail)).toFixed(4),
    weightNorm: +last.weightNorm.toFixed(3),
    finalLoss: +smooth(losses.length).toFixed(4),
  };
}
