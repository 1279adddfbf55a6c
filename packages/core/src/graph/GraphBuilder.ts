import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type AttrValue = number | number[] | string | { float: number } | { floats: number[] };

/** ONNX opset the compiler writes: 18 for Col2Im (ORT 1.30 runs it). */
export const OPSET = 18;

/**
 * Writes one ONNX graph node by node. Names are made unique by a counter; constants become initializers
 * (parameters never do: they are graph inputs, since onnxruntime-node ignores feeds to initializer names).
 * Integer attributes are written as INT(S), `{ float }` / `{ floats }` force FLOAT(S).
 */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;
  private readonly constCache = new Map<string, string>();
  private readonly sharedCache = new Map<string, string>();
  private readonly constants = new Set<string>();
  private readonly domains = new Set<string>();
  /**
   * Prefix of the node names added from now on, e.g. 'L2.conv3d.bwd' (profiles group onnxruntime's
   * per-node times by it); '' for none.
   */
  scope = '';
  /** Whether rules may emit onnxruntime-node's CPU-only contrib ops (com.microsoft.nchwc) under 'auto'; default false. */
  cpuKernels = false;

  constructor(readonly name: string) {}

  /** A fresh tensor name with a readable prefix. */
  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Declares a float32 graph input; a dimension given as a string (e.g. 'N') is symbolic. */
  input(name: string, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, shape));
    return name;
  }

  /** Declares a float32 graph output; the tensor must already be produced by a node. */
  output(name: string, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, shape));
  }

  /**
   * Adds a node and returns the name of its (first) output.
   * @param op ONNX operator type, e.g. 'Conv'
   * @param inputs tensor names ('' for an omitted optional input)
   * @param attrs attributes
   * @param outName name of the output (default: fresh)
   * @param domain operator domain (default: the ONNX one), e.g. onnxruntime's 'com.microsoft.nchwc' (version 1)
   */
  op(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outName?: string, domain = ''): string {
    const out = outName ?? this.fresh(op.toLowerCase());
    if (domain) this.domains.add(domain);
    this.nodes.push({
      opType: op,
      ...(domain ? { domain } : {}),
      input: inputs,
      output: [out],
      name: this.scope ? `${this.scope}/${this.fresh(`n_${op}`)}` : this.fresh(`n_${op}`),
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /**
   * The tensor `build` emits, emitted once per graph for a key: a layer's forward and backward rules share
   * a gathered tensor (e.g. a conv3d's depth slabs) instead of gathering it twice.
   */
  shared(key: string, build: () => string): string {
    let name = this.sharedCache.get(key);
    if (!name) {
      name = build();
      this.sharedCache.set(key, name);
    }
    return name;
  }

  /** Whether a tensor is an initializer (a constant: e.g. weights baked in by a frozen model), not a graph input. */
  isConstant(name: string): boolean {
    return this.constants.has(name);
  }

  /** A float32 constant of the given shape (cached by value). */
  constFloat(values: number[], shape: number[] = [values.length]): string {
    const key = `f:${shape.join('x')}:${values.join(',')}`;
    let name = this.constCache.get(key);
    if (!name) {
      name = this.fresh('cf');
      this.initializers.push({ name, dims: shape, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values });
      this.constants.add(name);
      this.constCache.set(key, name);
    }
    return name;
  }

  /** An int64 constant (shapes, axes, slice bounds). */
  constInt64(values: number[]): string {
    const key = `i:${values.join(',')}`;
    let name = this.constCache.get(key);
    if (!name) {
      name = this.fresh('ci');
      this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: values });
      this.constants.add(name);
      this.constCache.set(key, name);
    }
    return name;
  }

  /** A float32 initializer holding the given data, e.g. exported weights. */
  initializer(name: string, data: Float32Array, shape: number[]): string {
    this.constants.add(name);
    this.initializers.push({
      name,
      dims: shape,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    });
    return name;
  }

  /** Serialises the graph as an ONNX model (IR 8, opset {@link OPSET}). */
  encode(metadata: Record<string, string> = {}, docString = ''): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: '@ebm/core',
      producerVersion: '0.1.0',
      docString,
      opsetImport: [{ domain: '', version: OPSET }, ...[...this.domains].map((domain) => ({ domain, version: 1 }))],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

/** A tensor dimension: a size, or the name of a symbolic size. */
export type Dim = number | string;

function valueInfo(name: string, shape: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function attribute(name: string, v: AttrValue): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') return { name, type: T.INT, i: v };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  if ('float' in v) return { name, type: T.FLOAT, f: v.float };
  return { name, type: T.FLOATS, floats: v.floats };
}
