// BatchNorm's momentum in the two conventions (issue 21, pitfall 8). PyTorch's `momentum` weighs
// the new batch: running = (1 − m)·running + m·batch. Keras's weighs the old average:
// moving = k·moving + (1 − k)·batch. So PyTorch m is Keras 1 − m.
export const CONVENTIONS = ['pytorch', 'keras'];

/** The defaults: nn.BatchNorm*d(momentum=0.1), keras.layers.BatchNormalization(momentum=0.99). */
export const DEFAULT_MOMENTUM = { pytorch: 0.1, keras: 0.99 };

/** 1 − m without float noise (1 − 0.9 is 0.09999999999999998): 12 significant digits. */
export const otherConvention = (m) => Number((1 - m).toPrecision(12));

/** The PyTorch momentum that a number typed in `convention` means. */
export const torchMomentum = (m, convention) => (convention === 'keras' ? otherConvention(m) : m);
