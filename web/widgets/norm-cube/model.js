// <norm-cube>'s DOM-free logic: where the arrow keys move the selection.
import { numel, cubeIndex } from '../../model/norms.js';

/**
 * The element a key moves the selection `i` to in a cube of `shape` ((N, C, spatial...)): left and
 * right along the positions, up and down through the channels and on into the next sample,
 * PageUp/PageDown to the same cell of another sample, Home/End to the ends; null for any other key.
 */
export function keyTarget(key, i, shape) {
  const [N, C] = shape;
  const S = numel(shape.slice(2));
  const { n, c, s } = cubeIndex(i, shape);
  const at = (nn, cc, ss) => (nn * C + cc) * S + ss;
  let next = null;
  switch (key) {
    case 'ArrowLeft':
      next = s > 0 ? i - 1 : i;
      break;
    case 'ArrowRight':
      next = s < S - 1 ? i + 1 : i;
      break;
    case 'ArrowUp':
      next = c > 0 ? at(n, c - 1, s) : n > 0 ? at(n - 1, C - 1, s) : i;
      break;
    case 'ArrowDown':
      next = c < C - 1 ? at(n, c + 1, s) : n < N - 1 ? at(n + 1, 0, s) : i;
      break;
    case 'PageUp':
      next = n > 0 ? at(n - 1, c, s) : i;
      break;
    case 'PageDown':
      next = n < N - 1 ? at(n + 1, c, s) : i;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = N * C * S - 1;
      break;
    default:
      return null;
  }
  return next;
}
