import { byId } from '../ui/byId.js';
import { EnergyPlot } from './EnergyPlot.js';
import type { ExportedModel } from './ExportedModel.js';

/** What the user chose for a run. */
export interface SamplingChoice {
  start: 'noise' | 'grid';
  chains: number;
  steps: number;
  seed: number;
}

/**
 * The side panel of live sampling: the model's name and sampler settings, start / chains / steps / seed, Start and
 * Stop, and the step count, mean energy and its curve as a run goes.
 */
export class SamplingPanel {
  private readonly root = byId<HTMLElement>('sampling');
  private readonly run = byId<HTMLButtonElement>('sample-run');
  private readonly stopButton = byId<HTMLButtonElement>('sample-stop');
  private readonly startSelect = byId<HTMLSelectElement>('sample-start');
  private readonly chains = byId<HTMLInputElement>('sample-chains');
  private readonly steps = byId<HTMLInputElement>('sample-steps');
  private readonly seed = byId<HTMLInputElement>('sample-seed');
  private readonly stepOut = byId<HTMLElement>('sample-step');
  private readonly energyOut = byId<HTMLElement>('sample-energy');
  private readonly status = byId<HTMLElement>('sample-status');
  private readonly plot = new EnergyPlot(byId('energy-plot') as unknown as SVGSVGElement);
  private totalSteps = 0;

  constructor(handlers: { start(choice: SamplingChoice): void; stop(): void }) {
    this.run.addEventListener('click', () =>
      handlers.start({
        start: this.startSelect.value === 'grid' ? 'grid' : 'noise',
        chains: clampInt(this.chains.value, 1, 16, 1),
        steps: clampInt(this.steps.value, 1, 100_000, 100),
        seed: clampInt(this.seed.value, 0, 2 ** 31 - 1, 1),
      }),
    );
    this.stopButton.addEventListener('click', () => handlers.stop());
  }

  /** Shows the panel for a newly opened model, its sampler settings and default step count. */
  showModel(model: ExportedModel): void {
    const [, D, H, W] = model.inputShape;
    const opts = Object.entries(model.sampler.options)
      .filter(([k, v]) => k !== 'init' && (typeof v === 'number' || typeof v === 'string'))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    byId('model-name').textContent = model.name;
    byId('model-info').textContent = `${D}×${H}×${W} grid · ${model.domain} · ${model.sampler.name}: ${opts}`;
    this.steps.value = String(model.sampler.options.steps);
    this.root.hidden = false;
    this.setRunning(false);
    this.stepOut.textContent = '–';
    this.energyOut.textContent = '–';
    this.status.textContent = '';
    this.plot.reset();
  }

  /** Whether starting from the loaded grid is possible (a grid of the model's size is open). */
  setGridStartAvailable(available: boolean): void {
    const option = this.startSelect.querySelector<HTMLOptionElement>('option[value="grid"]')!;
    option.disabled = !available;
    if (!available) this.startSelect.value = 'noise';
  }

  setRunning(running: boolean, totalSteps = this.totalSteps): void {
    this.totalSteps = totalSteps;
    this.run.disabled = running;
    this.stopButton.disabled = !running;
    this.root.dataset.running = running ? '1' : '0';
    if (running) {
      this.plot.reset();
      this.status.textContent = 'sampling…';
    }
  }

  /** Step k of the run and the mean energy over chains there. */
  progress(step: number, energy: number): void {
    this.stepOut.textContent = `${step} / ${this.totalSteps}`;
    this.energyOut.textContent = formatEnergy(energy);
    this.root.dataset.step = String(step);
    this.plot.push(energy);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }
}

/** Energies span many magnitudes: 4 significant digits, exponent form outside [0.01, 1e5). */
export function formatEnergy(e: number): string {
  if (!Number.isFinite(e)) return String(e);
  const a = Math.abs(e);
  return a !== 0 && (a < 0.01 || a >= 1e5) ? e.toExponential(3) : e.toPrecision(4);
}

function clampInt(text: string, lo: number, hi: number, fallback: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback;
}
