import { byId } from '../ui/byId.js';
import { EnergyPlot } from './EnergyPlot.js';
import type { ExportedModel } from './ExportedModel.js';

/** What the user chose for a run. */
export interface SamplingChoice {
  /** Fresh chain noise, the first opened grid of the model's size, or the last run's chains. */
  start: 'noise' | 'grid' | 'continue';
  chains: number;
  steps: number;
  seed: number;
  /** Clamp the chains to occupancy [0, 1] after every step (the voxel package's training and synthesis do). */
  clamp: boolean;
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
  private readonly clamp = byId<HTMLInputElement>('sample-clamp');
  private readonly stepOut = byId<HTMLElement>('sample-step');
  private readonly energyOut = byId<HTMLElement>('sample-energy');
  private readonly status = byId<HTMLElement>('sample-status');
  private readonly plot = new EnergyPlot(byId('energy-plot') as unknown as SVGSVGElement);
  private totalSteps = 0;

  constructor(handlers: { start(choice: SamplingChoice): void; stop(): void }) {
    this.run.addEventListener('click', () =>
      handlers.start({
        start: this.startSelect.value as SamplingChoice['start'],
        chains: clampInt(this.chains.value, 1, 16, 1),
        steps: clampInt(this.steps.value, 0, 100_000, 100),
        seed: clampInt(this.seed.value, 0, 2 ** 31 - 1, 1),
        clamp: this.clamp.checked,
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
    // Occupancy lives in [0, 1]; exported voxel models do not all store that bound with their sampler.
    this.clamp.checked = model.domain === 'voxel';
    this.root.hidden = false;
    this.setRunning(false);
    this.stepOut.textContent = '–';
    this.energyOut.textContent = '–';
    this.status.textContent = '';
    this.plot.reset();
  }

  /**
   * Which starts are possible: a grid read from a file with the model's size (named in the option), and the last
   * run's chains.
   */
  setStartChoices(gridName: string | undefined, canContinue: boolean): void {
    const grid = this.startSelect.querySelector<HTMLOptionElement>('option[value="grid"]')!;
    grid.disabled = gridName === undefined;
    grid.textContent = gridName === undefined ? 'loaded grid' : `grid ${gridName}`;
    this.startSelect.querySelector<HTMLOptionElement>('option[value="continue"]')!.disabled = !canContinue;
    if (this.startSelect.selectedOptions[0]?.disabled) this.startSelect.value = 'noise';
  }

  setRunning(running: boolean, totalSteps = this.totalSteps): void {
    this.totalSteps = totalSteps;
    this.run.disabled = running;
    this.stopButton.disabled = !running;
    this.root.dataset.running = running ? '1' : '0';
    if (running) {
      delete this.root.dataset.step;
      this.stepOut.textContent = '–';
      this.energyOut.textContent = '–';
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
