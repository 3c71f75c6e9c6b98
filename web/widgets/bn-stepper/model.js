// <bn-stepper>'s DOM-free pieces: its limits, the momentum codec (which also takes "none") and the
// chart's series, each channel's buffers over the steps with the newest point sliding in.
import * as codec from '../../state/codecs.js';

export const MAX_STEPS = 400; // playing stops here; the chart keeps the most recent points
export const MAX_BATCH = 32;
export const SPEEDS = [1, 2, 5, 10, 20];

export const momentumCodec = codec.number(0, 1);
/** momentum="none" is null (PyTorch's None). */
export const momentumConverter = {
  fromAttribute: (v) => (String(v).trim().toLowerCase() === 'none' ? null : Number(v)),
};

/** The attribute also takes momentum="none" (PyTorch's None: a cumulative average). */
export const momentumAttribute = {
  ...momentumCodec,
  describe: { type: momentumCodec.describe.type, range: '0 … 1, none' },
  parse: (text) => (text.trim().toLowerCase() === 'none' ? null : momentumCodec.parse(text)),
};

/**
 * Channel c's `key` buffer (running_mean or running_var) over the steps of `points`, as the xs
 * (steps) and ys (values) of a line; the newest point is drawn `fraction` of the way from the one
 * before it (1: in place), so a step glides in while playing.
 * @param {{step: number, buffers: any}[]} points
 */
export function bufferSeries(points, key, c, fraction = 1) {
  const xs = points.map((p) => p.step);
  const ys = points.map((p) => p.buffers[key][c]);
  const last = points.length - 1;
  if (last > 0 && fraction < 1) {
    xs[last] = xs[last - 1] + (xs[last] - xs[last - 1]) * fraction;
    ys[last] = ys[last - 1] + (ys[last] - ys[last - 1]) * fraction;
  }
  return { xs, ys };
}

/**
 * model.eval(); model(sample) on `module`, and the same sample on a throwaway module of `options`
 * in training mode (which PyTorch refuses for one sample): {output | error, trainError}.
 */
export function evaluateSample(engine, module, options, sample, channels) {
  const result = {};
  try {
    result.output = module.forward(sample, [1, channels], { training: false }).output;
  } catch (err) {
    result.error = err.message;
  }
  const probe = engine.norm(options);
  try {
    probe.forward(sample, [1, channels], { training: true });
    result.trainError = '';
  } catch (err) {
    result.trainError = err.message;
  } finally {
    probe.delete();
  }
  return result;
}
