/** A Boltzmann machine or its training or evaluation cannot go on as asked; the message says what to change. */
export class RbmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RbmError';
  }
}
