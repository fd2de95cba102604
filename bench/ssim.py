#!/usr/bin/env python3
"""SSIM of two pictures of the same size, on luminance (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5,
K1 0.01, K2 0.03), as ImageMagick 7's and scikit-image's defaults compute it. Reads binary PGM (P5) files, as
`vips colourspace in out.v b-w && vips ppmsave out.v out.pgm` writes them. Usage: ssim.py a.pgm b.pgm"""
import sys

import numpy as np


def pgm(path):
    with open(path, 'rb') as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P5', 'binary PGM only'
    width, height, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    pixels = np.frombuffer(data[pos + 1:pos + 1 + width * height], dtype=np.uint8).reshape(height, width)
    return pixels.astype(np.float64) * (255.0 / maxval)


def blur(image):
    x = np.arange(-5, 6)
    kernel = np.exp(-(x ** 2) / (2 * 1.5 ** 2))
    kernel /= kernel.sum()
    rows = np.apply_along_axis(lambda r: np.convolve(r, kernel, mode='valid'), 1, image)
    return np.apply_along_axis(lambda c: np.convolve(c, kernel, mode='valid'), 0, rows)


def ssim(a, b):
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = blur(a), blur(b)
    var_a = blur(a * a) - mu_a ** 2
    var_b = blur(b * b) - mu_b ** 2
    cov = blur(a * b) - mu_a * mu_b
    index = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return index.mean()


if __name__ == '__main__':
    a, b = pgm(sys.argv[1]), pgm(sys.argv[2])
    if a.shape != b.shape:
        print('sizes differ: %s %s' % (a.shape, b.shape))
        sys.exit(1)
    print('%.4f' % ssim(a, b))
