// The data set a training config names, in the page or a worker: config.data 'digits' (the 8x8
// digits, loaded once) or 'sequences' (the padded sequence task of config.sequences' options,
// made from its seed). No DOM.
import { loadDigits } from '../data/digits-load.js';
import { makeSequenceTask } from '../data/sequences.js';
import { TrainingConfigError } from './training-run.js';

export async function loadTrainingData(config) {
  if (config.data === 'digits') return loadDigits();
  if (config.data === 'sequences') return makeSequenceTask(config.sequences);
  throw new TrainingConfigError(`unknown data set ${config.data} (digits or sequences)`);
}
