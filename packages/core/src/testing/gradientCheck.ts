import { EnergyModel } from '../runtime/EnergyModel.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { Rng } from '../random/Rng.js';
import { referenceEnergy } from './referenceEnergy.js';
import type { Engine } from '../runtime/engineChoice.js';

/** One compared entry: which gradient, its index, the engine's value and the finite difference. */
export interface GradientMismatch {
  what: 'energy' | 'dE/dx' | 'dE/dθ';
  index: number;
  engine: number;
  reference: number;
}

/** Result of {@link checkGradients}: the worst scaled error and every entry over tolerance. */
export interface GradientCheckResult {
  maxScaledError: number;
  mismatches: GradientMismatch[];
  checked: number;
}

/** Tolerance for float32 graphs against float64 finite differences: |a − b| ≤ atol·scale + rtol·|b|. */
export const FLOAT32_TOLERANCE = { rtol: 2e-4, atol: 5e-5 };

/**
 * Compares the engine's E, dE/dx and Σₙ wₙ dEₙ/dθ (float32; onnxruntime's graphs unless `engine` says otherwise) with central finite differences
 * of the float64 reference forward, on `samples` random coordinates of x and of θ (all when fewer).
 * Parameters are He-initialised with `seed`; x ~ N(0, 1); weights w ~ N(0, 1).
 */
export async function checkGradients(
  spec: NetworkSpec,
  batch: number,
  seed: number,
  samples = 24,
  tol = FLOAT32_TOLERANCE,
  engine: Engine = 'onnx',
  threads = 1,
): Promise<GradientCheckResult> {
  const rng = new Rng(seed + 1000);
  const model = await EnergyModel.create(spec, { seed, threads, engine });
  try {
    const net = model.net;
    const D = shapeSize(net.inShape);
    const x = rng.fillNormal(new Float32Array(batch * D)) as Float32Array;
    const w = rng.fillNormal(new Float32Array(batch)) as Float32Array;
    const x64 = Float64Array.from(x);
    const theta64 = Float64Array.from(model.theta);
    const { energy, grad } = await model.energyAndGrad(x);
    const { grad: gTheta } = await model.paramGrad(x, w);
    const result = new ScaledComparison(tol);
    const compare = result.compare.bind(result);
    const e0 = referenceEnergy(net, theta64, x64, batch);
    const eScale = Math.max(1e-3, ...Array.from(e0, Math.abs));
    e0.forEach((v, n) => compare('energy', n, energy[n], v, eScale));

    const weighted = (th: Float64Array, xx: Float64Array): number => {
      const e = referenceEnergy(net, th, xx, batch);
      let s = 0;
      for (let n = 0; n < batch; n++) s += w[n] * e[n];
      return s;
    };
    const pick = (n: number) => pickIndices(n, samples, rng);
    const fd = centralDifference;
    // dE/dx: the gradient of Σₙ Eₙ (samples are independent, so each entry is its own sample's derivative).
    const xScale = Math.max(1e-6, ...Array.from(grad, Math.abs));
    for (const i of pick(x.length)) {
      const ref = fd(x64, i, () => referenceEnergy(net, theta64, x64, batch).reduce((a, b) => a + b, 0));
      compare('dE/dx', i, grad[i], ref, xScale);
    }
    const tScale = Math.max(1e-6, ...Array.from(gTheta, Math.abs));
    for (const i of pick(theta64.length)) {
      compare('dE/dθ', i, gTheta[i], fd(theta64, i, () => weighted(theta64, x64)), tScale);
    }
    return result.result();
  } finally {
    await model.dispose();
  }
}

/** Accumulates engine-vs-reference comparisons: |a − b| ≤ atol·scale + rtol·|b| per entry, the worst scaled error. */
export class ScaledComparison {
  maxScaledError = 0;
  checked = 0;
  readonly mismatches: GradientMismatch[] = [];

  constructor(private readonly tol = FLOAT32_TOLERANCE) {}

  /** Compares one entry; `scale` is the largest magnitude of the array it belongs to. */
  compare(what: GradientMismatch['what'], index: number, engine: number, reference: number, scale: number): void {
    this.checked++;
    const err = Math.abs(engine - reference) / (this.tol.atol * scale + this.tol.rtol * Math.abs(reference));
    this.maxScaledError = Math.max(this.maxScaledError, err);
    if (!(err <= 1)) this.mismatches.push({ what, index, engine, reference });
  }

  /** The comparisons so far as a {@link GradientCheckResult}. */
  result(): GradientCheckResult {
    return { maxScaledError: this.maxScaledError, mismatches: this.mismatches, checked: this.checked };
  }
}

/** All indices 0…n−1 when n ≤ samples, else `samples` distinct ones drawn with `rng`. */
export function pickIndices(n: number, samples: number, rng: Rng): number[] {
  if (n <= samples) return Array.from({ length: n }, (_, i) => i);
  const set = new Set<number>();
  while (set.size < samples) set.add(rng.int(n));
  return [...set];
}

/** Central difference (f(a + h) − f(a − h)) / 2h of f in entry i of `arr`, h = 1e-5·max(1, |aᵢ|); restores aᵢ. */
export function centralDifference(arr: Float64Array, i: number, f: () => number): number {
  const h = 1e-5 * Math.max(1, Math.abs(arr[i]));
  const old = arr[i];
  arr[i] = old + h;
  const up = f();
  arr[i] = old - h;
  const down = f();
  arr[i] = old;
  return (up - down) / (2 * h);
}
