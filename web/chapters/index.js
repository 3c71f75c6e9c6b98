// The chapters in reading order. Each file holds one chapter's prose in both languages and imports
// the widgets it shows.
import formula from './formula.js';
import bnVsLn from './bn-vs-ln.js';
import counting from './counting.js';
import parameters from './parameters.js';
import usage from './usage.js';
import trainEval from './train-eval.js';
import nlp from './nlp.js';
import whyNormalize from './why-normalize.js';
import inGn from './in-gn.js';
import optimizers from './optimizers.js';
import pitfalls from './12-pitfalls.js';

export const CHAPTERS = [
  formula,
  bnVsLn,
  counting,
  parameters,
  usage,
  trainEval,
  nlp,
  whyNormalize,
  inGn,
  optimizers,
  pitfalls,
];
