// Where a chart's tick labels sit against their ticks. An SVG clips what falls outside its box, so
// a label centred on a tick at the picture's edge loses half of itself (the race's "−10" and "10"
// at the ends of its view, its "3" at the top of the Rosenbrock valley, decay-compare's last
// step): such a label is drawn inward from its tick instead.

// a digit is about 0.6 em wide in the page's sans-serif fonts; the minus sign and "." are narrower
const CHARACTER_EM = 0.65;
// a label's box reaches about 0.95 em above its baseline and 0.25 em below it; a little more room
const ASCENT_EM = 1;
const DESCENT_EM = 0.3;
// the baseline that centres digits on a tick
const CENTRE_EM = 0.35;

/**
 * The text-anchor of `label` on a tick at `x` of a picture spanning [left, right]: 'middle', or
 * 'start' / 'end' when centring it would cross the left / right edge. `fontPx`: the label's size.
 */
export function tickAnchor(x, label, [left, right], fontPx = 11) {
  const half = (String(label).length * CHARACTER_EM * fontPx) / 2;
  if (x - half < left) return 'start';
  if (x + half > right) return 'end';
  return 'middle';
}

/**
 * The baseline of a label centred on a tick at `y` of a picture spanning [top, bottom], moved
 * inward as far as it takes to keep the whole label inside.
 */
export function tickBaseline(y, [top, bottom], fontPx = 11) {
  const centred = y + CENTRE_EM * fontPx;
  return Math.min(bottom - DESCENT_EM * fontPx, Math.max(top + ASCENT_EM * fontPx, centred));
}

/**
 * Whether a y label centred on a tick at `y` clears the x labels drawn along the bottom of a
 * picture `height` tall (baselines at height − 4): the bottom corner belongs to the x axis, so a y
 * label there is left out rather than drawn over an x label or away from its tick.
 */
export function clearsXLabels(y, height, fontPx = 11) {
  const xLabelTop = height - 4 - ASCENT_EM * fontPx;
  return y + (CENTRE_EM + DESCENT_EM) * fontPx <= xLabelTop;
}
