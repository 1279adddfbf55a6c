import { OrthographicCamera, PerspectiveCamera, Vector3, WebGLRenderer, type Camera } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { isSoftwareWebGL } from './softwareRendering.js';
import { Tile } from './Tile.js';

/** Direction the camera looks from: along an axis (orthographic views read like a projection) or a 3/4 view. */
export type ViewDirection = 'x' | 'y' | 'z' | 'iso';

/** Half the visible height of the orthographic camera at zoom 1, in normalised units (content is a unit box). */
const ORTHO_HALF = 0.85;
const FOV = 35;
/** Camera distance that fits the unit box's bounding sphere (radius √3/2) in the perspective view. */
const DISTANCE = (Math.sqrt(3) / 2 / Math.sin(((FOV / 2) * Math.PI) / 180)) * 0.95;

const FROM: Record<ViewDirection, [number, number, number]> = {
  x: [1, 0, 0],
  y: [0, 1, 1e-4], // a hair off the pole so the orbit keeps Y up
  z: [0, 0, 1],
  iso: [0.95, 0.75, 1.35],
};

const right = new Vector3();
const up = new Vector3();
const back = new Vector3();
const point = new Vector3();
const Y_AXIS = new Vector3(0, 1, 0);

/**
 * The canvas and everything drawn on it: one WebGL renderer behind a grid of tiles, each tile's scene drawn into its
 * box (scissor), one shared camera and orbit control so every tile turns together. Renders on demand.
 */
export class Stage {
  readonly renderer: WebGLRenderer;
  readonly perspective = new PerspectiveCamera(FOV, 1, 0.01, 100);
  readonly orthographic = new OrthographicCamera(-1, 1, 1, -1, 0.01, 100);
  readonly controls: OrbitControls;
  private tiles: Tile[] = [];
  private pending = false;
  private beforeRender: (() => void) | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly gallery: HTMLElement,
  ) {
    // preserveDrawingBuffer keeps the last frame readable for the PNG screenshot.
    this.renderer = new WebGLRenderer({ canvas, antialias: !isSoftwareWebGL(), preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(window.devicePixelRatio);
    this.renderer.localClippingEnabled = true;
    this.renderer.setScissorTest(true);
    this.controls = new OrbitControls(this.perspective, canvas);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
    this.view('iso');
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  /** The camera in use. */
  get camera(): PerspectiveCamera | OrthographicCamera {
    return this.controls.object as PerspectiveCamera | OrthographicCamera;
  }

  /** Hook run before each frame (e.g. to rebuild meshes that changed since the last one). */
  onBeforeRender(fn: () => void): void {
    this.beforeRender = fn;
  }

  /** Replaces the tiles (their DOM boxes go into the gallery grid). */
  setTiles(tiles: Tile[]): void {
    for (const t of this.tiles) if (!tiles.includes(t)) t.dispose();
    this.tiles = tiles;
    const cols = Math.ceil(Math.sqrt(tiles.length));
    this.gallery.style.setProperty('--cols', String(Math.max(cols, 1)));
    this.gallery.replaceChildren(...tiles.map((t) => t.element));
    this.requestRender();
  }

  getTiles(): readonly Tile[] {
    return this.tiles;
  }

  /** Switches between perspective and orthographic projection, keeping the view direction. */
  setProjection(kind: 'perspective' | 'orthographic'): void {
    const next: Camera = kind === 'perspective' ? this.perspective : this.orthographic;
    if (next === this.camera) return;
    next.position.copy(this.camera.position);
    next.up.copy(this.camera.up);
    this.controls.object = next;
    this.controls.update();
    this.requestRender();
  }

  /** Looks at the content from along an axis (from its + side) or from the 3/4 view, with zoom reset. */
  view(from: ViewDirection): void {
    const [x, y, z] = FROM[from];
    for (const cam of [this.perspective, this.orthographic]) {
      cam.position.set(x, y, z).normalize().multiplyScalar(DISTANCE);
      cam.up.set(0, 1, 0);
      cam.zoom = 1;
      cam.lookAt(0, 0, 0);
      cam.updateProjectionMatrix();
    }
    this.controls.target.set(0, 0, 0);
    this.controls.update();
    this.requestRender();
  }

  /** Draws at the next animation frame (once however often it is asked). */
  requestRender(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  /** Draws every tile now. */
  render(): void {
    this.beforeRender?.();
    const r = this.renderer;
    const canvasRect = this.canvas.getBoundingClientRect();
    r.setScissor(0, 0, canvasRect.width, canvasRect.height);
    r.setViewport(0, 0, canvasRect.width, canvasRect.height);
    r.setClearColor(0x15171b);
    r.clear();
    const cam = this.camera;
    cam.updateMatrixWorld();
    right.setFromMatrixColumn(cam.matrixWorld, 0);
    up.setFromMatrixColumn(cam.matrixWorld, 1);
    back.setFromMatrixColumn(cam.matrixWorld, 2);
    for (const tile of this.tiles) {
      const rect = this.tileRect(tile, canvasRect);
      if (!rect) continue;
      this.fitCamera(rect.width / rect.height);
      // Lights follow the camera: key from upper left in front, fill from the right.
      tile.key.position.copy(right).multiplyScalar(-0.7).addScaledVector(up, 1).addScaledVector(back, 0.8);
      tile.fill.position.copy(right).multiplyScalar(1).addScaledVector(up, -0.2).addScaledVector(back, 0.5);
      r.setViewport(rect.x, rect.y, rect.width, rect.height);
      r.setScissor(rect.x, rect.y, rect.width, rect.height);
      r.render(tile.scene, cam);
    }
  }

  /**
   * Where a point of a tile's content lands on the page, in CSS pixels (page coordinates).
   * @param local a point in the content's own units (grid cells for voxels)
   */
  project(tile: Tile, local: [number, number, number]): { x: number; y: number } | undefined {
    const canvasRect = this.canvas.getBoundingClientRect();
    const rect = this.tileRect(tile, canvasRect);
    if (!rect) return undefined;
    this.fitCamera(rect.width / rect.height);
    tile.scene.updateMatrixWorld();
    point.set(local[0], local[1], local[2]);
    tile.frame.localToWorld(point).project(this.camera);
    return {
      x: canvasRect.left + rect.x + ((point.x + 1) / 2) * rect.width,
      y: canvasRect.top + canvasRect.height - rect.y - ((point.y + 1) / 2) * rect.height,
    };
  }

  /**
   * Turns the camera once around the vertical axis in `frames` steps, drawing each frame to completion (a one-pixel
   * read waits for the GPU, or SwiftShader, to finish it),
   * and returns the mean milliseconds per frame: the cost of orbiting, without input or compositing.
   */
  orbitBenchmark(frames: number): number {
    const cam = this.camera;
    const start = cam.position.clone();
    const gl = this.renderer.getContext();
    const pixel = new Uint8Array(4);
    const t0 = performance.now();
    for (let i = 1; i <= frames; i++) {
      cam.position.copy(start).applyAxisAngle(Y_AXIS, (2 * Math.PI * i) / frames);
      cam.lookAt(this.controls.target);
      this.render();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    }
    const ms = (performance.now() - t0) / frames;
    cam.position.copy(start);
    this.controls.update();
    this.requestRender();
    return ms;
  }

  /** A PNG of the canvas as it is drawn now. */
  async toPng(): Promise<Blob> {
    this.render();
    return new Promise((resolve, reject) => this.canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be read'))), 'image/png'));
  }

  /** The tile's box in canvas pixels, origin bottom left (WebGL's viewport convention). */
  private tileRect(tile: Tile, canvasRect: DOMRect): { x: number; y: number; width: number; height: number } | undefined {
    const r = tile.element.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return undefined;
    return { x: r.left - canvasRect.left, y: canvasRect.bottom - r.bottom, width: r.width, height: r.height };
  }

  private fitCamera(aspect: number): void {
    this.perspective.aspect = aspect;
    this.perspective.updateProjectionMatrix();
    const o = this.orthographic;
    const half = ORTHO_HALF * Math.max(1, 1 / aspect);
    o.top = half;
    o.bottom = -half;
    o.left = -half * aspect;
    o.right = half * aspect;
    o.updateProjectionMatrix();
  }

  private resize(): void {
    const { clientWidth: w, clientHeight: h } = this.canvas;
    if (w > 0 && h > 0) this.renderer.setSize(w, h, false);
    this.requestRender();
  }
}
