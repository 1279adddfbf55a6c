/**
 * A voxel or mesh file that cannot be read or written: the message is one line naming the file and the problem
 * (and, where there is one, the fix). Thrown by every codec of `@ebm/voxel/formats`.
 */
export class VoxelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VoxelFormatError';
  }
}
