// The 8x8 handwritten digits (web/data/digits-8x8.bin, written by scripts/data/digits.py from
// Debian's python3-sklearn; UCI "Optical Recognition of Handwritten Digits", CC BY 4.0), read
// into the tensors a training run feeds the network. No DOM: parseDigits takes the file's bytes;
// the page loads them with digits-load.js, node with fs.
//
// Scaling: pixel / 16 (the file holds 0..16), so inputs lie in [0, 1]; the PyTorch script that
// reproduces a run does torch.tensor(pixels, dtype=torch.float32).div(16).view(-1, 1, 8, 8).

const MAGIC = 'NLD8';
const HEADER_BYTES = 16;

/**
 * {train, heldOut}: each {images: Float32Array (count * 64, NCHW (count, 1, 8, 8), pixel / 16),
 * labels: Uint8Array (count), sourceIndex: Uint16Array (the image's index in sklearn's
 * load_digits()), count, shape: [count, 1, 8, 8], classes: 10} and the same as a training run's
 * data set (inputs = images, targets = labels, rowShape [1, 8, 8], rowsPerSample 1).
 */
export function parseDigits(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length < HEADER_BYTES || String.fromCharCode(...u8.subarray(0, 4)) !== MAGIC)
    throw new Error('not a NormLab digits file (magic "NLD8" missing)');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const [version, height, width, maxValue] = u8.subarray(4, 8);
  if (version !== 1) throw new Error(`digits file version ${version} is not supported`);
  const count = view.getUint16(8, true);
  const trainCount = view.getUint16(10, true);
  const pixels = height * width;
  const size = HEADER_BYTES + count * (pixels + 1 + 2);
  if (u8.length !== size || trainCount > count)
    throw new Error(`digits file is ${u8.length} bytes, expected ${size}`);
  const pixelBytes = u8.subarray(HEADER_BYTES, HEADER_BYTES + count * pixels);
  const labelBytes = u8.subarray(
    HEADER_BYTES + count * pixels,
    HEADER_BYTES + count * (pixels + 1),
  );
  const indexOffset = HEADER_BYTES + count * (pixels + 1);
  const sourceIndex = new Uint16Array(count);
  for (let i = 0; i < count; i++) sourceIndex[i] = view.getUint16(indexOffset + 2 * i, true);
  const part = (from, to) => {
    const n = to - from;
    const images = new Float32Array(n * pixels);
    for (let i = 0; i < n * pixels; i++) images[i] = pixelBytes[from * pixels + i] / maxValue;
    const labels = labelBytes.slice(from, to);
    return {
      // the training run's layout (web/model/training-run.js)
      inputs: images,
      targets: Int32Array.from(labels),
      rowShape: [1, height, width],
      rowsPerSample: 1,
      images,
      labels,
      sourceIndex: sourceIndex.slice(from, to),
      count: n,
      shape: [n, 1, height, width],
      classes: 10,
    };
  };
  return { train: part(0, trainCount), heldOut: part(trainCount, count) };
}
