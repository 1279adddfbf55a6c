/** A malformed or out-of-range list of frame numbers (`--missing-frames`); the message shows the bad item and the form. */
export class FrameListError extends Error {
  override name = 'FrameListError';
}
