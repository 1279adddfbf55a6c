#!/usr/bin/env node
import { dispatch, runCli } from '@ebm/core';
import { clipCommand } from './clipCommand.js';
import { exportCommand } from './exportCommand.js';
import { maskCommand } from './maskCommand.js';
import { recoverCommand } from './recoverCommand.js';
import { synthesizeCommand } from './synthesizeCommand.js';
import { trainCommand } from './trainCommand.js';

await runCli('ebm-video', (argv) =>
  dispatch(
    'ebm-video',
    'Spatial-temporal generative ConvNets for dynamic textures: learn from a clip, synthesize, recover missing pixels and frames, export to ONNX.',
    {
      train: { summary: 'learn a dynamic-texture model from a clip', run: trainCommand },
      synthesize: { summary: 'synthesize clips (any length and size) from a model file', run: synthesizeCommand },
      recover: { summary: 'recover occluded pixels or missing frames: --learn, --model or --method interpolate', run: recoverCommand },
      export: { summary: 'write a model file as one self-contained ONNX file', run: exportCommand },
      clip: { summary: 'write a demo clip (simulated ripples, smoke, leaves; clouds, flame, life, cellauto)', run: clipCommand },
      mask: { summary: 'write a square or random mask to try recovery with', run: maskCommand },
    },
    argv,
  ),
);
