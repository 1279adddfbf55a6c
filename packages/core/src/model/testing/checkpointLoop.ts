// Test-only child process of crashSafety.test.ts: trains and saves a checkpoint to the same file after every
// iteration until `total` iterations are done; the test SIGKILLs it at random moments.
// Usage: node --import tsx checkpointLoop.ts <file.ebm> <total> [--resume]
// Prints `ready <iteration>` once it can train, then `saved <iteration>` after every save.
import { loadModel, saveModel } from '../persistModel.js';
import { McmcMle } from '../../train/McmcMle.js';
import { crashData, crashTrainer } from './crashTraining.js';

const [file, totalText, mode] = process.argv.slice(2);
const total = Number(totalText);
const data = crashData();
let run: { model: { theta: Float32Array }; trainer: McmcMle };
if (mode === '--resume') {
  const loaded = await loadModel(file, { threads: 1 });
  if (!loaded.trainerState) throw new Error(`${file} has no trainer state`);
  run = { model: loaded.model, trainer: McmcMle.restore(loaded.model, loaded.trainerState) };
} else {
  run = await crashTrainer();
}
const { model, trainer } = run;
process.stdout.write(`ready ${trainer.iteration}\n`);
while (trainer.iteration < total) {
  await trainer.step(data);
  await saveModel(file, model as Parameters<typeof saveModel>[1], { domain: 'generic', trainer });
  process.stdout.write(`saved ${trainer.iteration}\n`);
}
