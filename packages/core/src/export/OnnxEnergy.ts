import fs from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { EnergyAndGrad, EnergyFn } from '../samplers/EnergyFn.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { sessionOptions, type ExecutionOptions } from '../runtime/ExecutionOptions.js';
import { runRecyclingOutputs } from '../runtime/outputRecycling.js';
import { ModelFileError } from '../model/ModelFileError.js';
import { EXPORT_METADATA } from './exportMetadata.js';
import { readMetadata } from './readMetadata.js';

export { readMetadata };

/**
 * An exported ONNX energy (see exportOnnx) opened on its own: no model file, no spec compiler.
 * `energyFn` takes x [N·D] for any N.
 */
export class OnnxEnergy {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputShape: number[],
    readonly metadata: Record<string, string>,
  ) {}

  /** Opens an exported .onnx file. @throws ModelFileError naming the file */
  static async open(file: string, opts: ExecutionOptions = {}): Promise<OnnxEnergy> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      throw new ModelFileError(`ONNX file ${file} does not exist or cannot be read`, file);
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, sessionOptions(opts) as ort.InferenceSession.SessionOptions);
    } catch (e) {
      throw new ModelFileError(`${file} is not a valid ONNX model: ${(e as Error).message.split('\n')[0]}`, file);
    }
    const metadata = readMetadata(bytes);
    if (!session.inputNames.includes('x') || !session.outputNames.includes('energy') || !session.outputNames.includes('grad_x')) {
      throw new ModelFileError(`${file} is not an exported energy model (needs input x and outputs energy, grad_x); export one with 'ebm export'`, file);
    }
    const spec = metadata[EXPORT_METADATA.spec] ? (JSON.parse(metadata[EXPORT_METADATA.spec]) as NetworkSpec) : undefined;
    if (!spec) throw new ModelFileError(`${file} has no '${EXPORT_METADATA.spec}' metadata; export it with 'ebm export'`, file);
    return new OnnxEnergy(session, spec.input, metadata);
  }

  /** The stored spec, normalisation and sampler defaults (parsed JSON, when present). */
  json(key: 'spec' | 'normalisation' | 'sampler'): unknown {
    const v = this.metadata[EXPORT_METADATA[key]];
    return v === undefined ? undefined : JSON.parse(v);
  }

  /** The domain the model was exported from ('image', 'video', 'voxel' or 'generic'). */
  get domain(): string {
    return this.metadata[EXPORT_METADATA.domain] ?? 'generic';
  }

  /** E [N] and dE/dx [N·D] for x [N·D]. */
  async energyAndGrad(x: Float32Array): Promise<EnergyAndGrad> {
    const D = shapeSize(this.inputShape);
    const N = x.length / D;
    if (x.length === 0 || !Number.isInteger(N)) {
      throw new RangeError(`input has ${x.length} values, not a whole number of samples of shape [${this.inputShape}] (${D} values each)`);
    }
    const out = await runRecyclingOutputs(this.session, { x: new ort.Tensor('float32', x, [N, ...this.inputShape]) });
    return { energy: out.energy.data as Float32Array, grad: out.grad_x.data as Float32Array };
  }

  /** This file's energy as a sampler's EnergyFn. */
  energyFn(): EnergyFn {
    return (x) => this.energyAndGrad(x);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
