/**
 * Training stopped because it diverged: energies, samples or gradients stopped being finite, or the
 * data/sample energy gap exploded. The model's θ is left at the last good iteration, `modelIteration`.
 */
export class TrainingDivergedError extends Error {
  constructor(
    message: string,
    /** The iteration that diverged. */
    readonly iteration: number,
    /**
     * The iteration whose θ the model holds (0: the θ training started from): iteration − 1, or one earlier when
     * the last update itself broke θ (its energies on the data were no longer finite).
     */
    readonly modelIteration: number = iteration - 1,
  ) {
    super(message);
    this.name = 'TrainingDivergedError';
  }
}
