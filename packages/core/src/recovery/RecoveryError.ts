/** Recovery from incomplete data cannot run or stopped being finite; the message says what to change. */
export class RecoveryError extends Error {
  override name = 'RecoveryError';
}
