/**
 * @ebm/video — spatial-temporal generative ConvNets for dynamic textures (Xie, Zhu & Wu 2017).
 * Not built yet: synthesis and recovery of missing pixels and frames arrive with their own issue.
 * Videos are tensors [C, T, H, W] for core's conv3d networks.
 */
export const VIDEO_PACKAGE_STATUS = 'planned' as const;
