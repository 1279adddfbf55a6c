/**
 * In-place discrete Fourier transform of a complex array along one axis of a row-major grid:
 * X_k = Σ_n x_n·e^(∓2πi·kn/N) (inverse: + sign and 1/N). Direct O(N²) per line with a precomputed twiddle table,
 * which is fast for clip-sized axes (tens of samples) of any length, not only powers of two.
 * @param re, im real and imaginary parts, length ∏ shape
 * @param shape grid sizes, e.g. [T, H, W]
 * @param axis which axis to transform
 */
export function dftAxis(re: Float64Array, im: Float64Array, shape: readonly number[], axis: number, inverse = false): void {
  const n = shape[axis];
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = sign * Math.sin((2 * Math.PI * k) / n);
  }
  const lineRe = new Float64Array(n);
  const lineIm = new Float64Array(n);
  const scale = inverse ? 1 / n : 1;
  for (let o = 0; o < outer; o++) {
    for (let s = 0; s < stride; s++) {
      const base = o * n * stride + s;
      for (let j = 0; j < n; j++) (lineRe[j] = re[base + j * stride]), (lineIm[j] = im[base + j * stride]);
      for (let k = 0; k < n; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0, idx = 0; j < n; j++, idx = (idx + k) % n) {
          sr += lineRe[j] * cos[idx] - lineIm[j] * sin[idx];
          si += lineRe[j] * sin[idx] + lineIm[j] * cos[idx];
        }
        re[base + k * stride] = sr * scale;
        im[base + k * stride] = si * scale;
      }
    }
  }
}
