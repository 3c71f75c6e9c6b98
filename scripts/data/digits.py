#!/usr/bin/python3
"""Writes web/data/digits-8x8.bin: the 8x8 handwritten digits that Debian's python3-sklearn ships
(sklearn.datasets.load_digits: 1,797 images, pixel values 0..16), with a fixed stratified split.

Run with Debian's Python (`/usr/bin/python3 scripts/data/digits.py`, after
`apt-get install -y python3-sklearn`). The data: UCI "Optical Recognition of Handwritten Digits"
(Alpaydin & Kaynak, 1998), CC BY 4.0.

Format (little-endian), read by web/data/digits.js:
  bytes 0..3    magic "NLD8"
  byte  4       format version (1)
  byte  5, 6    height, width (8, 8)
  byte  7       the largest pixel value (16)
  bytes 8..9    uint16 image count N (1,797)
  bytes 10..11  uint16 train count T (1,437): images 0..T-1 are the training set, T..N-1 held out
  bytes 12..15  zero
  N*64 bytes    uint8 pixels, image after image, row-major
  N bytes       uint8 labels 0..9
  N*2 bytes     uint16 index of each image in load_digits() (to trace an image back)
The split: per class, a numpy RandomState(0) permutation of that class's images; the first 36 of
each class are held out (10 x 36 = 360), the rest train. Both sets keep load_digits() order.
"""
import pathlib
import struct
import sys

import numpy as np
from sklearn.datasets import load_digits

HELD_OUT_PER_CLASS = 36
SEED = 0


def main() -> None:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).resolve().parents[2] / 'web/data/digits-8x8.bin')
    digits = load_digits()
    images = digits.images.astype(np.uint8)  # (1797, 8, 8), values 0..16
    labels = digits.target.astype(np.uint8)
    assert images.shape == (1797, 8, 8) and images.max() == 16
    rng = np.random.RandomState(SEED)
    held = np.zeros(len(labels), dtype=bool)
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        held[idx[rng.permutation(len(idx))[:HELD_OUT_PER_CLASS]]] = True
    order = np.concatenate([np.flatnonzero(~held), np.flatnonzero(held)])
    n, t = len(order), int((~held).sum())
    header = b'NLD8' + struct.pack('<BBBBHH4x', 1, 8, 8, 16, n, t)
    body = (images[order].tobytes() + labels[order].tobytes() +
            order.astype('<u2').tobytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + body)
    print(f'{out}: {n} images ({t} train, {n - t} held out), {len(header) + len(body)} bytes')


if __name__ == '__main__':
    main()
