#!/usr/bin/env node
import { dispatch, runCli } from './runCli.js';
import { benchCommand } from './benchCommand.js';
import { exportCommand } from './exportCommand.js';
import { sampleCommand } from './sampleCommand.js';
import { infoCommand } from './infoCommand.js';

await runCli('ebm', (argv) =>
  dispatch(
    'ebm',
    'Energy-based generative ConvNets: benchmark the engine, export models to ONNX, sample from them.',
    {
      bench: { summary: 'time Langevin steps and parameter updates of the four benchmark nets', run: benchCommand },
      export: { summary: 'write a model file as one self-contained ONNX file (energy and dE/dx)', run: exportCommand },
      sample: { summary: 'run Langevin from an exported .onnx (or a model file) and write samples.npy', run: sampleCommand },
      info: { summary: 'print what a model.ebm or exported model.onnx holds', run: infoCommand },
    },
    argv,
  ),
);
