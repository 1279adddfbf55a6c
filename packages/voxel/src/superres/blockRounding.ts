/**
 * Rounds a super-resolved grid block by block so that thresholding keeps the coarse grid's occupancy: in every
 * s³ block whose coarse value is a, the k = ⌊a·s³⌋ cells the model rates highest become 1, the next one takes the
 * remainder a·s³ − k, the rest 0. Block averages stay equal to the coarse input; when the coarse grid is the block
 * average of a 0/1 grid (a·s³ an integer), the result is 0/1 with exactly the true count of filled cells per block,
 * placed where the model's occupancy is highest (ties keep grid order).
 * @param fine [N, R, R, R] occupancies in [0, 1] (the model's super-resolution), rounded in place
 * @param coarse [N, R/s, R/s, R/s] occupancies in [0, 1]
 * @param scale s
 */
export function blockRounding(fine: Float32Array, coarse: Float32Array, R: number, scale: number): void {
  const c = R / scale;
  const cells = scale ** 3;
  const n = coarse.length / c ** 3;
  const index = new Int32Array(cells);
  const value = new Float32Array(cells);
  for (let g = 0; g < n; g++) {
    for (let bd = 0; bd < c; bd++) {
      for (let bh = 0; bh < c; bh++) {
        for (let bw = 0; bw < c; bw++) {
          let k = 0;
          for (let i = 0; i < scale; i++) {
            for (let j = 0; j < scale; j++) {
              const row = ((g * R + bd * scale + i) * R + bh * scale + j) * R + bw * scale;
              for (let l = 0; l < scale; l++) {
                index[k] = row + l;
                value[k++] = fine[row + l];
              }
            }
          }
          const order = Array.from({ length: cells }, (_, q) => q).sort((p, q) => value[q] - value[p] || p - q);
          // Rounded to float32 noise: block averages of a 0/1 grid are exact multiples of 1/s³ up to rounding.
          let mass = coarse[((g * c + bd) * c + bh) * c + bw] * cells;
          if (Math.abs(mass - Math.round(mass)) < 1e-3) mass = Math.round(mass);
          for (const q of order) {
            const v = Math.min(1, Math.max(0, mass));
            fine[index[q]] = v;
            mass -= v;
          }
        }
      }
    }
  }
}
