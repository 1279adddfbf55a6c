/** The engine could not run a graph: an unavailable execution provider, a wrong input size, an ORT failure. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}
