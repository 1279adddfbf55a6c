/** Options shared by every procedural texture. */
export interface TextureOptions {
  /** Output size in pixels: a number for a square, or width and height. */
  size: number | { width: number; height: number };
  /** Pattern seed; equal seeds give equal images. Default 0. */
  seed?: number;
  /** Feature size multiplier (bricks, threads, noise scale); default 1. Sizes are in pixels at scale 1. */
  scale?: number;
}

/** Width and height of `options.size`, checked to be positive integers. */
export function textureSize(options: TextureOptions): { width: number; height: number } {
  const { width, height } = typeof options.size === 'number' ? { width: options.size, height: options.size } : options.size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Texture size ${width}x${height} is not a positive integer size`);
  }
  return { width, height };
}
