// The chapters in reading order, numbered in their file names (01-formula.js … 10-optimizers.js;
// the training lab and the pitfalls follow as 11- and 12-). Each file holds one chapter's prose in
// both languages and imports the widgets it shows.
import formula from './01-formula.js';
import bnVsLn from './02-bn-vs-ln.js';
import counting from './03-counting.js';
import parameters from './04-parameters.js';
import usage from './05-usage.js';
import trainEval from './06-train-eval.js';
import nlp from './07-nlp.js';
import whyNormalize from './08-why-normalize.js';
import inGn from './09-in-gn.js';
import optimizers from './10-optimizers.js';
import trainingLab from './11-training-lab.js';
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
  trainingLab,
  pitfalls,
];
