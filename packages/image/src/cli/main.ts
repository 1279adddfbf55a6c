#!/usr/bin/env node
import { dispatch, runCli } from '@ebm/core';
import { exportCommand } from './exportCommand.js';
import { inpaintCommand } from './inpaintCommand.js';
import { jemCommand } from './jemCommand.js';
import { interpolateCommand } from './interpolateCommand.js';
import { synthesizeCommand } from './synthesizeCommand.js';
import { textureCommand } from './textureCommand.js';
import { trainCommand } from './trainCommand.js';

await runCli('ebm-image', (argv) =>
  dispatch(
    'ebm-image',
    'Generative ConvNets for images: learn textures and aligned images, synthesize, inpaint, interpolate, export to ONNX.',
    {
      train: { summary: 'learn a texture or object model from an image or a folder', run: trainCommand },
      synthesize: { summary: 'synthesize images (any size for textures) from a model file', run: synthesizeCommand },
      inpaint: { summary: 'fill masked pixels with a model, by learning from the image, or by a baseline', run: inpaintCommand },
      interpolate: { summary: 'a path of frames between two images under a model', run: interpolateCommand },
      export: { summary: 'write a model file as one self-contained ONNX file', run: exportCommand },
      texture: { summary: 'write a procedural texture PNG (brick, marble, weave, cloud) to train on', run: textureCommand },
      jem: { summary: 'JEM: train, evaluate and sample a classifier read as an energy-based model', run: jemCommand },
    },
    argv,
  ),
);
