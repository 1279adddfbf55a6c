import { fft, ifft } from './fft.js';

/**
 * Two-dimensional DFT in place by separable 1D transforms (rows, then columns), any W and H.
 * F[v, u] = Σ_y Σ_x f[y, x]·exp(−2πi(ux/W + vy/H)), unnormalised.
 * @param re, im [H, W] row-major, length W·H.
 */
export function fft2d(re: Float64Array, im: Float64Array, width: number, height: number): void {
  transform2d(re, im, width, height, fft);
}

/**
 * Inverse of {@link fft2d} (with the 1/(W·H) factor), in place.
 * @param re, im [H, W] row-major, length W·H.
 */
export function ifft2d(re: Float64Array, im: Float64Array, width: number, height: number): void {
  transform2d(re, im, width, height, ifft);
}

function transform2d(
  re: Float64Array,
  im: Float64Array,
  width: number,
  height: number,
  transform: (re: Float64Array, im: Float64Array) => void,
): void {
  if (re.length !== width * height || im.length !== width * height) {
    throw new RangeError(`2D FFT arrays of length ${re.length}, ${im.length} do not match ${width}x${height}`);
  }
  for (let y = 0; y < height; y++) {
    transform(re.subarray(y * width, (y + 1) * width), im.subarray(y * width, (y + 1) * width));
  }
  const columnRe = new Float64Array(height);
  const columnIm = new Float64Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      columnRe[y] = re[y * width + x];
      columnIm[y] = im[y * width + x];
    }
    transform(columnRe, columnIm);
    for (let y = 0; y < height; y++) {
      re[y * width + x] = columnRe[y];
      im[y * width + x] = columnIm[y];
    }
  }
}
