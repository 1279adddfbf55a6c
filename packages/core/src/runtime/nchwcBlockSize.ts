import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { NCHWC_DOMAIN } from '../layers/convNchwc.js';

let probe: Promise<number> | undefined;

/**
 * MLAS's NCHWc block size on this machine (16 with AVX-512, 8 with AVX2, 4 otherwise), found once by running
 * onnxruntime's ReorderInput on 4 channels: it pads the channels to one block. 0 when the kernel is missing.
 */
export function nchwcBlockSize(): Promise<number> {
  probe ??= (async () => {
    try {
      const g = new GraphBuilder('nchwc_probe');
      g.op('ReorderInput', [g.input('x', [1, 4, 1, 1])], {}, 'y', NCHWC_DOMAIN);
      g.output('y', [1, 'C', 1, 1]);
      const session = await ort.InferenceSession.create(g.encode(), { intraOpNumThreads: 1, logSeverityLevel: 3 });
      try {
        const out = await session.run({ x: new ort.Tensor('float32', new Float32Array(4), [1, 4, 1, 1]) });
        return out.y.dims[1];
      } finally {
        await session.release();
      }
    } catch {
      return 0;
    }
  })();
  return probe;
}
