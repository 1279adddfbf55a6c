import { Box3, Color, DirectionalLight, Group, HemisphereLight, Scene, Vector3, type Object3D } from 'three';

/** Background of every tile (also what the screenshot test calls "empty"). */
export const BACKGROUND = new Color(0x1d2026);

const scratchSize = new Vector3();
const scratchCenter = new Vector3();

/**
 * One gallery cell: a DOM box (label and drawn count) over the shared canvas, and the three.js scene drawn into
 * that box. Content is scaled into a unit box around the origin so one camera frames every tile alike.
 */
export class Tile {
  readonly element: HTMLDivElement;
  readonly scene = new Scene();
  /** Holds the content, normalised to a unit box at the origin. */
  readonly frame = new Group();
  /** Key light from the viewer's upper left, a softer fill from the right; both follow the camera. */
  readonly key = new DirectionalLight(0xffffff, 2.4);
  readonly fill = new DirectionalLight(0xbfd4ff, 0.7);
  private readonly title: HTMLSpanElement;
  private readonly detail: HTMLSpanElement;
  private content: Object3D | undefined;

  constructor(name: string) {
    this.scene.background = BACKGROUND;
    this.scene.add(new HemisphereLight(0xe8eeff, 0x40342a, 1.1), this.key, this.fill, this.key.target, this.fill.target, this.frame);
    this.element = document.createElement('div');
    this.element.className = 'tile';
    const label = document.createElement('div');
    label.className = 'tile-label';
    this.title = document.createElement('span');
    this.title.className = 'tile-name';
    this.detail = document.createElement('span');
    this.detail.className = 'tile-detail';
    label.append(this.title, this.detail);
    this.element.append(label);
    this.setName(name);
  }

  setName(name: string): void {
    this.title.textContent = name;
    this.element.dataset.name = name;
  }

  /** The small line under the name, e.g. "32×32×32 · 4,210 voxels". */
  setDetail(text: string): void {
    this.detail.textContent = text;
  }

  /**
   * Replaces the drawn object; disposes the old one's geometry.
   * @param bounds the box to frame (grid extents for voxels, the mesh's bounding box for meshes)
   */
  setContent(object: Object3D, bounds: Box3): void {
    this.clearContent();
    this.content = object;
    bounds.getSize(scratchSize);
    bounds.getCenter(scratchCenter);
    const scale = 1 / Math.max(scratchSize.x, scratchSize.y, scratchSize.z, 1e-9);
    this.frame.scale.setScalar(scale);
    this.frame.position.copy(scratchCenter).multiplyScalar(-scale);
    this.frame.add(object);
  }

  /** Removes and disposes the content. */
  clearContent(): void {
    if (!this.content) return;
    this.frame.remove(this.content);
    this.content.traverse((o) => (o as { geometry?: { dispose(): void } }).geometry?.dispose());
    this.content = undefined;
  }

  dispose(): void {
    this.clearContent();
    this.element.remove();
  }
}
