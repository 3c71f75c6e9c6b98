// The data set a training config names, in the page or a worker: config.data 'digits' (the 8x8
// digits, loaded once) or 'sequences' (the padded sequence task of config.sequences' options,
// made from its seed). No DOM.
import { loadDigits } from '../data/digits-load.js';
import { DEFAULT_SEQUENCES, makeSequenceTask } from '../data/sequences.js';
import { TrainingConfigError } from './training-run.js';

export async function loadTrainingData(config) {
  if (config.data === 'digits') return loadDigits();
  if (config.data === 'sequences') return makeSequenceTask(config.sequences);
  throw new TrainingConfigError(`unknown data set ${config.data} (digits or sequences)`);
}

/** A data set's row shape and class count without loading it (for a network's layer specs). */
export function dataShape(config) {
  if (config.data === 'sequences') {
    const o = { ...DEFAULT_SEQUENCES, ...config.sequences };
    return { rowShape: [2 * o.embedding], classes: o.classes, maxLength: o.maxLength };
  }
  return { rowShape: [1, 8, 8], classes: 10 };
}
