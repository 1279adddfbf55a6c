import { EXPORT_METADATA, exportedSamplerSettings, readMetadata, type EnergyFn, type ExportedSamplerSettings } from '@ebm/core/sampling';
import { FileLoadError } from '../loading/LoadedItem.js';
import { loadOrt, type Ort } from './loadOrt.js';

/** Network units ↔ occupancy: network = occupancy·scale + offset (identity when the model stores none). */
export interface VoxelNormalisation {
  scale: number;
  offset: number;
}

/**
 * An exported energy (`ebm export`, `ebm-voxel export`) opened in the page with onnxruntime-web: input x
 * [N, 1, D, H, W], outputs `energy` [N] and `grad_x`, and the metadata that says how to sample it.
 */
export class ExportedModel {
  private constructor(
    readonly name: string,
    private readonly ort: Ort,
    private readonly session: import('onnxruntime-web').InferenceSession,
    /** Per-sample input shape [1, D, H, W]. */
    readonly inputShape: [number, number, number, number],
    /** The stored sampler (or core's fallback), as `ebm sample` would use it. */
    readonly sampler: ExportedSamplerSettings,
    readonly normalisation: VoxelNormalisation,
    /** 'voxel', 'generic', …; informative. */
    readonly domain: string,
  ) {}

  /**
   * Reads the metadata and opens a session.
   * @throws FileLoadError naming the file: not ONNX, not an exported energy, or not a voxel model [1, D, H, W]
   */
  static async open(name: string, bytes: Uint8Array): Promise<ExportedModel> {
    let meta: Record<string, string>;
    try {
      meta = readMetadata(bytes);
    } catch {
      throw new FileLoadError(name, `${name} is not an ONNX model (export one with 'ebm-voxel export' or 'ebm export')`);
    }
    const specText = meta[EXPORT_METADATA.spec];
    if (!specText) throw new FileLoadError(name, `${name} has no '${EXPORT_METADATA.spec}' metadata: not an exported energy model (export one with 'ebm-voxel export' or 'ebm export')`);
    const input = (JSON.parse(specText) as { input?: number[] }).input ?? [];
    if (input.length !== 4 || input[0] !== 1) {
      throw new FileLoadError(name, `${name} takes input [${input.join(', ')}], not a voxel grid [1, D, H, W]; the viewer samples voxel models`);
    }
    const ort = await loadOrt();
    let session: import('onnxruntime-web').InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    } catch (e) {
      throw new FileLoadError(name, `${name}: onnxruntime-web cannot open it (${String((e as Error)?.message ?? e).split('\n')[0]})`);
    }
    if (!session.inputNames.includes('x') || !session.outputNames.includes('energy') || !session.outputNames.includes('grad_x')) {
      await session.release();
      throw new FileLoadError(name, `${name} is not an exported energy model (needs input x and outputs energy, grad_x)`);
    }
    const samplerMeta = meta[EXPORT_METADATA.sampler];
    const sampler = exportedSamplerSettings(samplerMeta ? JSON.parse(samplerMeta) : undefined);
    const normMeta = meta[EXPORT_METADATA.normalisation];
    const norm = (normMeta ? JSON.parse(normMeta) : {}) as Partial<VoxelNormalisation>;
    const normalisation = {
      scale: typeof norm.scale === 'number' && norm.scale !== 0 ? norm.scale : 1,
      offset: typeof norm.offset === 'number' ? norm.offset : 0,
    };
    const domain = meta[EXPORT_METADATA.domain] ?? 'generic';
    return new ExportedModel(name, ort, session, input as [number, number, number, number], sampler, normalisation, domain);
  }

  /** Values per sample: D·H·W. */
  get sampleSize(): number {
    return this.inputShape[1] * this.inputShape[2] * this.inputShape[3];
  }

  /** E [N] and dE/dx [N·D] from onnxruntime-web, for x [N·D] in network units. */
  energyFn(): EnergyFn {
    return async (x) => {
      const n = x.length / this.sampleSize;
      const out = await this.session.run({ x: new this.ort.Tensor('float32', x, [n, ...this.inputShape]) });
      return { energy: out.energy.data as Float32Array, grad: out.grad_x.data as Float32Array };
    };
  }

  /** Occupancy of network values, written into `out` (same length). */
  toOccupancy(x: Float32Array, out: Float32Array): Float32Array {
    const { scale, offset } = this.normalisation;
    for (let i = 0; i < x.length; i++) out[i] = (x[i] - offset) / scale;
    return out;
  }

  /** Occupancy [0, 1] in network units, [lo, hi]. */
  occupancyRange(): [number, number] {
    const { scale, offset } = this.normalisation;
    const a = offset;
    const b = scale + offset;
    return [Math.min(a, b), Math.max(a, b)];
  }

  /** Network values of occupancies (to start chains from a loaded grid). */
  fromOccupancy(occupancy: Float32Array): Float32Array {
    const { scale, offset } = this.normalisation;
    const x = new Float32Array(occupancy.length);
    for (let i = 0; i < x.length; i++) x[i] = occupancy[i] * scale + offset;
    return x;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
