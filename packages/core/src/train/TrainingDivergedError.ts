/**
 * Training stopped because it diverged: energies, samples or gradients stopped being finite, or the
 * data/sample energy gap exploded. The model's θ is left at the last good iteration.
 */
export class TrainingDivergedError extends Error {
  constructor(
    message: string,
    /** The iteration that diverged (the model holds the state after iteration − 1). */
    readonly iteration: number,
  ) {
    super(message);
    this.name = 'TrainingDivergedError';
  }
}
