// The chapters in reading order. Each file holds one chapter's prose in both languages and says
// which widgets it shows.
import formula from './formula.js';

export const CHAPTERS = [formula];
