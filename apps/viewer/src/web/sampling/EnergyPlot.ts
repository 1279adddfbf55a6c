/** The mean energy per step as a line in a small SVG (rescaled to its range as it grows). */
export class EnergyPlot {
  private readonly values: number[] = [];
  private readonly line: SVGPolylineElement;

  constructor(svg: SVGSVGElement) {
    this.line = svg.querySelector('polyline')!;
  }

  reset(): void {
    this.values.length = 0;
    this.line.setAttribute('points', '');
  }

  push(energy: number): void {
    if (!Number.isFinite(energy)) return;
    this.values.push(energy);
    const v = this.values;
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of v) (lo = Math.min(lo, e)), (hi = Math.max(hi, e));
    const span = hi - lo || 1;
    const dx = 200 / Math.max(v.length - 1, 1);
    this.line.setAttribute('points', v.map((e, i) => `${(i * dx).toFixed(1)},${(58 - ((e - lo) / span) * 56).toFixed(1)}`).join(' '));
  }
}
