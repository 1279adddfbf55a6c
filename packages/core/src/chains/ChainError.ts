/**
 * A chain start, persistent chain set or replay buffer used or restored with the wrong sizes. The message
 * names the sizes and the fix, e.g. `ReplayBuffer.push: 100 values are not whole samples of 64 (pass [n·64])`.
 */
export class ChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainError';
  }
}
