#!/usr/bin/env node
import { dispatch, runCli } from './runCli.js';

// Commands load on demand, so `ebm --help` does not wait for onnxruntime.
await runCli('ebm', (argv) =>
  dispatch(
    'ebm',
    'Energy-based generative ConvNets: benchmark the engine, export models to ONNX, sample from them.',
    {
      bench: { summary: 'time Langevin steps and parameter updates of the four benchmark nets', run: async (a) => (await import('./benchCommand.js')).benchCommand(a) },
      export: { summary: 'write a model file as one self-contained ONNX file (energy and dE/dx)', run: async (a) => (await import('./exportCommand.js')).exportCommand(a) },
      sample: { summary: 'run Langevin from an exported .onnx (or a model file) and write samples.npy', run: async (a) => (await import('./sampleCommand.js')).sampleCommand(a) },
      info: { summary: 'print what a model.ebm or exported model.onnx holds', run: async (a) => (await import('./infoCommand.js')).infoCommand(a) },
      rbm: { summary: 'restricted Boltzmann machines: train (CD-k, PCD), eval (AIS log-likelihood), sample (block Gibbs)', run: async (a) => (await import('./rbmCommand.js')).rbmCommand(a) },
    },
    argv,
  ),
);
