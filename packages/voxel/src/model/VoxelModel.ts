import type { EnergyModel, McmcMle, McmcMleState } from '@ebm/core';
import type { ShapePreset } from './shapePreset.js';

/**
 * A voxel energy model: core's EnergyModel on grids [1, R, R, R] of mean-centred occupancy (x = occupancy − mean,
 * as in the paper), with the preset it was built from.
 */
export interface VoxelModel {
  readonly model: EnergyModel;
  readonly preset: ShapePreset;
  /** Mean occupancy of the training grids, subtracted before the network. */
  readonly mean: number;
  /** The trainer, while training or after loading a resumable file. */
  trainer?: McmcMle;
  /** Trainer state read from a model file, for resuming. */
  trainerState?: McmcMleState;
  /** Where the model was loaded from, for messages. */
  path?: string;
}

/** Grid side R of the model. */
export function modelResolution(m: VoxelModel): number {
  return m.preset.resolution;
}

/** Occupancies [N·R³] in [0, 1] → network units (occupancy − mean), a new array. */
export function toNetwork(m: VoxelModel, occupancy: Float32Array): Float32Array {
  return occupancy.map((v) => v - m.mean);
}

/** Network units → occupancies clamped to [0, 1], a new array. */
export function toOccupancy(m: VoxelModel, x: Float32Array): Float32Array {
  return x.map((v) => Math.min(1, Math.max(0, v + m.mean)));
}

/** Core's clamp to the occupancy range [0, 1] in network units, for the samplers. */
export function occupancyRange(m: VoxelModel): [number, number] {
  return [-m.mean, 1 - m.mean];
}
