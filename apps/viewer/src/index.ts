/**
 * @ebm/viewer — three.js voxel viewer (culled cubes or marching-cubes surfaces, orbit, slicing,
 * threshold) served on 127.0.0.1 and opened as a desktop window. Not built yet.
 */
export const VIEWER_STATUS = 'planned' as const;
