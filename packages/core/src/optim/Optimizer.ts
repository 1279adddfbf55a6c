/** Serialisable optimiser state: the name, hyper-parameters, step count and moment buffers. */
export interface OptimizerState {
  name: 'adam' | 'sgd';
  hyper: Record<string, number>;
  step: number;
  buffers: Float32Array[];
}

/** Updates θ in place from a gradient of the same length (descent direction: θ ← θ − lr·…). */
export interface Optimizer {
  readonly name: 'adam' | 'sgd';
  /** Learning rate; may be changed between steps. */
  lr: number;
  step(theta: Float32Array, grad: Float32Array): void;
  state(): OptimizerState;
}
