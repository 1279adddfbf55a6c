/**
 * @ebm/voxel — 3D descriptor networks for voxel shapes (Xie et al. 2018).
 * Not built yet: synthesis, recovery and super-resolution arrive with their own issue.
 * Voxel grids are tensors [1, D, H, W] for core's conv3d networks.
 */
export const VOXEL_PACKAGE_STATUS = 'planned' as const;
