import { Rng } from '@ebm/core/sampling';
import type { TriangleMesh } from '../formats/TriangleMesh.js';
import { boxMesh, cylinderMesh, icosphereMesh, latheMesh, mergeMeshes, torusMesh } from './primitives.js';

/** The shape classes the package generates, for the demo, the tests and the quality tables. */
export const SHAPE_CLASSES = ['box', 'sphere', 'cylinder', 'torus', 'table', 'chair', 'mug', 'lamp'] as const;

/** One of {@link SHAPE_CLASSES}. */
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

/** A number drawn uniformly from [lo, hi). */
function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}

/**
 * One random shape of a class as a mesh (Y up, about a unit in size; proportions drawn at random, so no two are the
 * same after fitting into a grid). Composite classes are built from closed parts that may overlap:
 * - box: a box of random proportions; sphere: an ellipsoid; cylinder: a cylinder of random radius and height;
 *   torus: a ring of random thickness, lying flat or standing;
 * - table: a top and four legs; chair: a seat, four legs, a back and sometimes arms;
 * - mug: a cup turned on a lathe (wall and floor) with a handle; lamp: a base, a pole and a shade.
 */
export function shapeMesh(kind: ShapeClass, rng: Rng): TriangleMesh {
  switch (kind) {
    case 'box':
      return boxMesh([0, 0, 0], [between(rng, 0.3, 1), between(rng, 0.3, 1), between(rng, 0.3, 1)]);
    case 'sphere': {
      const s = icosphereMesh([0, 0, 0], 0.5, 3);
      const scale = [between(rng, 0.6, 1), between(rng, 0.6, 1), between(rng, 0.6, 1)];
      for (let i = 0; i < s.positions.length; i++) s.positions[i] *= scale[i % 3];
      return s;
    }
    case 'cylinder':
      return cylinderMesh([0, 0, 0], between(rng, 0.15, 0.5), between(rng, 0.3, 1));
    case 'torus':
      return torusMesh([0, 0, 0], 0.5, between(rng, 0.1, 0.3), { standing: rng.uniform() < 0.5 });
    case 'table':
      return tableMesh(rng);
    case 'chair':
      return chairMesh(rng);
    case 'mug':
      return mugMesh(rng);
    case 'lamp':
      return lampMesh(rng);
  }
}

function legs(rng: Rng, halfX: number, halfZ: number, top: number, thickness: number, round: boolean): TriangleMesh[] {
  const out: TriangleMesh[] = [];
  for (const sx of [-1, 1]) {
    for (const sz of [-1, 1]) {
      const c = [sx * (halfX - thickness / 2), top / 2, sz * (halfZ - thickness / 2)] as const;
      out.push(round ? cylinderMesh(c, thickness / 2, top, 12) : boxMesh(c, [thickness, top, thickness]));
    }
  }
  return out;
}

function tableMesh(rng: Rng): TriangleMesh {
  const halfX = between(rng, 0.35, 0.6);
  const halfZ = between(rng, 0.25, 0.5);
  const height = between(rng, 0.35, 0.75);
  const top = between(rng, 0.04, 0.1);
  const leg = between(rng, 0.05, 0.12);
  const inset = between(rng, 0, 0.08);
  return mergeMeshes([boxMesh([0, height - top / 2, 0], [2 * halfX, top, 2 * halfZ]), ...legs(rng, halfX - inset, halfZ - inset, height - top / 2, leg, rng.uniform() < 0.4)]);
}

function chairMesh(rng: Rng): TriangleMesh {
  const half = between(rng, 0.2, 0.3);
  const seatY = between(rng, 0.35, 0.5);
  const seat = between(rng, 0.05, 0.1);
  const leg = between(rng, 0.05, 0.09);
  const backHeight = between(rng, 0.3, 0.55);
  const back = between(rng, 0.04, 0.09);
  const parts = [
    boxMesh([0, seatY, 0], [2 * half, seat, 2 * half]),
    ...legs(rng, half, half, seatY, leg, false),
    boxMesh([0, seatY + backHeight / 2, -half + back / 2], [2 * half, backHeight, back]),
  ];
  if (rng.uniform() < 0.35) {
    const armY = seatY + between(rng, 0.15, 0.25);
    for (const s of [-1, 1]) {
      parts.push(boxMesh([s * (half - leg / 2), armY, 0], [leg, 0.04, 2 * half]));
      parts.push(boxMesh([s * (half - leg / 2), (seatY + armY) / 2, half - leg / 2], [leg, armY - seatY, leg]));
    }
  }
  return mergeMeshes(parts);
}

function mugMesh(rng: Rng): TriangleMesh {
  const radius = between(rng, 0.22, 0.35);
  const height = between(rng, 0.45, 0.8);
  const wall = between(rng, 0.05, 0.09);
  const floor = between(rng, 0.05, 0.1);
  // Profile (r, y) of a cup with a cavity open at the top, turned about Y.
  const body = latheMesh([0, 0, 0], [[0, 0], [radius, 0], [radius, height], [radius - wall, height], [radius - wall, floor], [0, floor]], 40);
  const ring = between(rng, 0.13, 0.2) * (height / 0.6);
  // A standing half ring (an arch over the x axis), turned a quarter to open towards the body, its ends in the wall.
  const handle = torusMesh([0, 0, 0], ring, between(rng, 0.03, 0.05), { arc: Math.PI, standing: true });
  const p = handle.positions;
  for (let i = 0; i < p.length; i += 3) [p[i], p[i + 1]] = [radius - wall / 2 + p[i + 1], height / 2 - p[i]];
  return mergeMeshes([body, handle]);
}

function lampMesh(rng: Rng): TriangleMesh {
  const baseR = between(rng, 0.15, 0.3);
  const baseH = between(rng, 0.04, 0.08);
  const poleH = between(rng, 0.45, 0.8);
  const poleR = between(rng, 0.025, 0.05);
  const shadeH = between(rng, 0.2, 0.35);
  const shadeBottom = between(rng, 0.2, 0.35);
  const shadeTop = shadeBottom * between(rng, 0.4, 0.9);
  const shadeY = baseH + poleH - shadeH * 0.6;
  return mergeMeshes([
    cylinderMesh([0, baseH / 2, 0], baseR, baseH, 32),
    cylinderMesh([0, baseH + poleH / 2, 0], poleR, poleH, 12),
    latheMesh([0, shadeY, 0], [[0, 0], [shadeBottom, 0], [shadeTop, shadeH], [0, shadeH]], 32),
  ]);
}

/** `count` random meshes of a class from a seed (the same seed gives the same shapes). */
export function shapeMeshes(kind: ShapeClass, count: number, seed: number): TriangleMesh[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => shapeMesh(kind, rng));
}
