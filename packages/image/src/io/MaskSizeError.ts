import { ImageInputError } from './ImageInputError.js';

/**
 * A mask whose size differs from the image it masks. Message:
 * `<path>: Mask size 64x64 does not match image 128x128 (resize the mask or pass --mask-resize)`.
 */
export class MaskSizeError extends ImageInputError {
  override name = 'MaskSizeError';
  /** Mask size, pixels. */
  readonly maskWidth: number;
  readonly maskHeight: number;
  /** Size of the image the mask was meant for, pixels. */
  readonly imageWidth: number;
  readonly imageHeight: number;

  constructor(path: string, mask: { width: number; height: number }, image: { width: number; height: number }) {
    super(
      path,
      `Mask size ${mask.width}x${mask.height} does not match image ${image.width}x${image.height}`,
      'resize the mask or pass --mask-resize',
    );
    this.maskWidth = mask.width;
    this.maskHeight = mask.height;
    this.imageWidth = image.width;
    this.imageHeight = image.height;
  }
}
