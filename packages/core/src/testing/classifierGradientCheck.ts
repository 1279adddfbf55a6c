import { ClassifierEnergy } from '../classifier/ClassifierEnergy.js';
import { classEnergy } from '../layers/classEnergy.js';
import { crossEntropy } from '../layers/crossEntropy.js';
import { Rng } from '../random/Rng.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { centralDifference, FLOAT32_TOLERANCE, pickIndices, ScaledComparison, type GradientCheckResult } from './gradientCheck.js';
import { referenceEnergy, referenceTop } from './referenceEnergy.js';

/** Which classifier graph a check covers. */
export type ClassifierCheck = 'classInputGrad' | 'crossEntropyGrad';

/**
 * The classifier graphs against central finite differences of the float64 reference forward, like checkGradients:
 * - 'classInputGrad': E(x, y) = −f(x)[y] [N], logits, and dE(x, y)/dx on `samples` coordinates;
 * - 'crossEntropyGrad': E(x), CE(x, t), logits, and Σₙ (wₙ ∂Eₙ/∂θ + ∂CEₙ/∂θ) on `samples` coordinates of θ, with
 *   target rows t = cₙ·onehot(yₙ) (cₙ ~ U(0.5, 1.5)) and the last row all zeros (a sample without a label).
 * Parameters He-initialised with `seed`; x ~ N(0, 1); w ~ N(0, 1); labels uniform.
 * In `what`, 'energy' covers E, CE and the logits; 'dE/dx' and 'dE/dθ' the gradients.
 */
export async function checkClassifierGradients(spec: NetworkSpec, batch: number, seed: number, check: ClassifierCheck, samples = 24): Promise<GradientCheckResult> {
  const tol = FLOAT32_TOLERANCE;
  const rng = new Rng(seed + 2000);
  const model = await EnergyModel.create(spec, { seed, threads: 1 });
  const clf = new ClassifierEnergy(model);
  try {
    const net = model.net;
    const K = clf.classes;
    const D = shapeSize(net.inShape);
    const x = rng.fillNormal(new Float32Array(batch * D)) as Float32Array;
    const w = rng.fillNormal(new Float32Array(batch)) as Float32Array;
    const labels = Array.from({ length: batch }, () => rng.int(K));
    const rows = clf.oneHot(labels);
    if (check === 'crossEntropyGrad') {
      for (let n = 0; n < batch; n++) for (let k = 0; k < K; k++) rows[n * K + k] *= n === batch - 1 && batch > 1 ? 0 : 0.5 + rng.uniform();
    }
    const x64 = Float64Array.from(x);
    const theta64 = Float64Array.from(model.theta);
    const result = new ScaledComparison(tol);
    const compare = result.compare.bind(result);
    const compareAll = (engine: Float32Array, reference: Float64Array) => {
      const scale = Math.max(1e-3, ...Array.from(reference, Math.abs));
      reference.forEach((v, i) => compare('energy', i, engine[i], v, scale));
    };
    const pick = (n: number) => pickIndices(n, samples, rng);
    const fd = centralDifference;
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    const logits64 = referenceTop(net, theta64, x64, batch);

    if (check === 'classInputGrad') {
      // E(x, y) = −f(x)[y] plus the reference Gaussian's ‖x‖²/(2σ²) when the spec has one.
      const sigma = spec.referenceSigma;
      const classEnergies = () => {
        const e = classEnergy.reference(referenceTop(net, theta64, x64, batch), rows, batch, K);
        if (sigma !== undefined) for (let n = 0; n < batch; n++) for (let i = 0; i < D; i++) e[n] += x64[n * D + i] ** 2 / (2 * sigma * sigma);
        return e;
      };
      const { energy, grad } = await clf.classEnergyAndGrad(x, labels);
      compareAll(energy, classEnergies());
      compareAll((await clf.logits(x)).logits, logits64);
      const scale = Math.max(1e-6, ...Array.from(grad, Math.abs));
      for (const i of pick(x.length)) compare('dE/dx', i, grad[i], fd(x64, i, () => sum(classEnergies())), scale);
    } else {
      const res = await clf.crossEntropyGrad(x, w, rows);
      compareAll(res.energy, referenceEnergy(net, theta64, x64, batch));
      compareAll(res.crossEntropy, crossEntropy.reference(logits64, rows, batch, K));
      compareAll(res.logits, logits64);
      const objective = () => {
        const e = referenceEnergy(net, theta64, x64, batch);
        const ce = crossEntropy.reference(referenceTop(net, theta64, x64, batch), rows, batch, K);
        let s = 0;
        for (let n = 0; n < batch; n++) s += w[n] * e[n] + ce[n];
        return s;
      };
      const scale = Math.max(1e-6, ...Array.from(res.grad, Math.abs));
      for (const i of pick(theta64.length)) compare('dE/dθ', i, res.grad[i], fd(theta64, i, objective), scale);
    }
    return result.result();
  } finally {
    await clf.dispose();
    await model.dispose();
  }
}
