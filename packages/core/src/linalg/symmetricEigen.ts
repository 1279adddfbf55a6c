/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, in float64.
 * @param a n×n symmetric, row-major (length n²); not modified.
 * @returns values [n] (unordered) and vectors n×n row-major with eigenvector k in column k, so a = V·diag(values)·Vᵀ.
 * @throws RangeError when `a` does not have n² entries.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): { values: number[]; vectors: number[] } {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: ${a.length} entries for a ${n}×${n} matrix`);
  const m = Array.from(a);
  const v: number[] = Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        // The rotation that zeroes m[p][q] (Golub & Van Loan, the symmetric Schur decomposition).
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(m, n, p, q, c, s, 1, n);
        rotate(m, n, p, q, c, s, n, 1);
        rotate(v, n, p, q, c, s, 1, n);
      }
    }
  }
  return { values: Array.from({ length: n }, (_, k) => m[k * n + k]), vectors: v };
}

/**
 * Applies the plane rotation (c, s) to the pairs (entry p, entry q) of every row (colStride 1, rowStride n: columns
 * p and q) or every column (colStride n, rowStride 1: rows p and q) of an n×n row-major matrix.
 */
function rotate(m: number[], n: number, p: number, q: number, c: number, s: number, colStride: number, rowStride: number): void {
  for (let k = 0; k < n; k++) {
    const ip = k * rowStride + p * colStride;
    const iq = k * rowStride + q * colStride;
    const mp = m[ip];
    const mq = m[iq];
    m[ip] = c * mp - s * mq;
    m[iq] = s * mp + c * mq;
  }
}
