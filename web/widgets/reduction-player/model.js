// <reduction-player>'s DOM-free facts: its speeds (and their URL codec), its pace, its breakpoint.

export const SPEEDS = [0.5, 1, 2, 4];
export const SPEED_CODEC = {
  parse(text) {
    const v = Number(text);
    if (!SPEEDS.includes(v)) throw new Error(`"${text}" is not one of ${SPEEDS.join(', ')}`);
    return v;
  },
  format: (v) => String(v),
};
export const STEPS_PER_SECOND = 1.5;
export const NARROW_PX = 520; // below this width: 4 chips and 2 sums per row, so the text stays legible
