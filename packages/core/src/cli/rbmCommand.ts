import { dispatch } from './runCli.js';

/** `ebm rbm …`: Bernoulli–Bernoulli restricted Boltzmann machines. */
export async function rbmCommand(argv: string[]): Promise<void> {
  await dispatch(
    'ebm rbm',
    'Restricted Boltzmann machines on binary images: train by contrastive divergence (CD-k or persistent CD),\nestimate the held-out log-likelihood by annealed importance sampling, sample by block Gibbs.',
    {
      train: { summary: 'train an RBM on binarised mnist digits or a folder of images', run: async (a) => (await import('./rbmTrainCommand.js')).rbmTrainCommand(a) },
      eval: { summary: 'AIS log-likelihood per held-out image (nats) with its error, and reconstruction error', run: async (a) => (await import('./rbmEvalCommand.js')).rbmEvalCommand(a) },
      sample: { summary: 'block Gibbs samples as a PNG sheet', run: async (a) => (await import('./rbmSampleCommand.js')).rbmSampleCommand(a) },
    },
    argv,
  );
}
