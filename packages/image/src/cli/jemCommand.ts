import { dispatch } from '@ebm/core';

/** `ebm-image jem …`: JEM, a classifier trained and used as an energy-based model. */
export async function jemCommand(argv: string[]): Promise<void> {
  await dispatch(
    'ebm-image jem',
    'JEM (Grathwohl et al. 2020): a ConvNet classifier whose logits define an energy, trained on cross-entropy plus\nMCMC maximum likelihood (SGLD with a replay buffer); evaluate accuracy, calibration and OOD detection; sample by class.',
    {
      train: { summary: 'train a JEM classifier on the mnist digits or a folder of class sub-folders', run: async (a) => (await import('./jemTrainCommand.js')).jemTrainCommand(a) },
      eval: { summary: 'held-out accuracy, calibration error and OOD AUROC of a JEM model', run: async (a) => (await import('./jemEvalCommand.js')).jemEvalCommand(a) },
      sample: { summary: 'class-conditional SGLD samples as a PNG sheet', run: async (a) => (await import('./jemSampleCommand.js')).jemSampleCommand(a) },
    },
    argv,
  );
}
