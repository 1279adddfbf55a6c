import { PerspectiveCamera, Vector3, type BufferGeometry } from 'three';

/** An RGB picture: [height·width·3] bytes, rows top to bottom. */
export interface RgbImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** Options of {@link renderGeometry}. */
export interface RenderOptions {
  /** Picture size in pixels; default 256. */
  size?: number;
  /** Surface colour [r, g, b] in 0..1; default a light blue-grey. */
  color?: readonly [number, number, number];
  /** Background [r, g, b] in 0..255; default white. */
  background?: readonly [number, number, number];
}

const LIGHT = new Vector3(0.45, 0.8, 0.35).normalize();
const FILL = new Vector3(-0.6, 0.2, -0.4).normalize();
const scratch = [new Vector3(), new Vector3(), new Vector3()];
const world = [new Vector3(), new Vector3(), new Vector3()];
const edgeA = new Vector3();
const edgeB = new Vector3();
const normal = new Vector3();

/**
 * Draws a three.js geometry of a voxel grid of `extent` voxels per side offscreen, without a GPU: three's
 * PerspectiveCamera (a three-quarter view from the front right, Y up) projects the triangles, which a small z-buffer
 * rasteriser fills with flat Lambert shading (a key light from above and a dim fill light).
 */
export function renderGeometry(geometry: BufferGeometry, extent: readonly [number, number, number], options: RenderOptions = {}): RgbImage {
  const size = options.size ?? 256;
  const color = options.color ?? [0.62, 0.7, 0.82];
  const bg = options.background ?? [255, 255, 255];
  const centre = new Vector3(extent[0] / 2, extent[1] / 2, extent[2] / 2);
  const radius = Math.hypot(extent[0], extent[1], extent[2]) / 2;
  const camera = new PerspectiveCamera(30, 1, 0.1, 100 * radius);
  camera.position.copy(centre).add(new Vector3(1.1, 0.75, 1.5).normalize().multiplyScalar(radius / Math.sin((15 * Math.PI) / 180) * 1.02));
  camera.lookAt(centre);
  camera.updateMatrixWorld();
  camera.updateProjectionMatrix();
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) rgb.set(bg, 3 * i);
  const depth = new Float32Array(size * size).fill(Infinity);
  const pos = geometry.getAttribute('position');
  const index = geometry.getIndex();
  const count = index ? index.count : pos.count;
  for (let t = 0; t + 2 < count; t += 3) {
    for (let k = 0; k < 3; k++) {
      const vi = index ? index.getX(t + k) : t + k;
      world[k].fromBufferAttribute(pos, vi);
      scratch[k].copy(world[k]).project(camera);
    }
    normal.crossVectors(edgeA.subVectors(world[1], world[0]), edgeB.subVectors(world[2], world[0])).normalize();
    // Two-sided: face the camera.
    if (normal.dot(edgeA.subVectors(camera.position, world[0])) < 0) normal.negate();
    const shade = 0.3 + 0.6 * Math.max(0, normal.dot(LIGHT)) + 0.15 * Math.max(0, normal.dot(FILL));
    const r = Math.min(255, Math.round(255 * color[0] * shade));
    const g = Math.min(255, Math.round(255 * color[1] * shade));
    const b = Math.min(255, Math.round(255 * color[2] * shade));
    const xs = scratch.map((p) => (p.x + 1) * 0.5 * size);
    const ys = scratch.map((p) => (1 - p.y) * 0.5 * size);
    const zs = scratch.map((p) => p.z);
    const area = (xs[1] - xs[0]) * (ys[2] - ys[0]) - (xs[2] - xs[0]) * (ys[1] - ys[0]);
    if (area === 0) continue;
    const x0 = Math.max(0, Math.floor(Math.min(...xs)));
    const x1 = Math.min(size - 1, Math.ceil(Math.max(...xs)));
    const y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const y1 = Math.min(size - 1, Math.ceil(Math.max(...ys)));
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const w0 = ((xs[2] - xs[1]) * (py - ys[1]) - (ys[2] - ys[1]) * (px - xs[1])) / area;
        const w1 = ((xs[0] - xs[2]) * (py - ys[2]) - (ys[0] - ys[2]) * (px - xs[2])) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * zs[0] + w1 * zs[1] + w2 * zs[2];
        const i = y * size + x;
        if (z >= depth[i]) continue;
        depth[i] = z;
        rgb[3 * i] = r;
        rgb[3 * i + 1] = g;
        rgb[3 * i + 2] = b;
      }
    }
  }
  return { rgb, width: size, height: size };
}

/**
 * Pictures side by side in rows of `columns`, with a `gap`-pixel white border between them.
 */
export function imageSheet(images: readonly RgbImage[], columns: number, gap = 4): RgbImage {
  const w = images[0].width;
  const h = images[0].height;
  const rows = Math.ceil(images.length / columns);
  const width = columns * w + (columns + 1) * gap;
  const height = rows * h + (rows + 1) * gap;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  images.forEach((img, k) => {
    const ox = gap + (k % columns) * (w + gap);
    const oy = gap + Math.floor(k / columns) * (h + gap);
    for (let y = 0; y < h; y++) rgb.set(img.rgb.subarray(3 * w * y, 3 * w * (y + 1)), 3 * ((oy + y) * width + ox));
  });
  return { rgb, width, height };
}
