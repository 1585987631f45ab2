#!/usr/bin/env python
"""The dual training step with a frozen mask model against the comp model's step alone (journal Experiment 2.2).

All in one run, through the Learners the CLIs use (`vae_learner`, `dual_learner` with `MaskMaker`), each path the minimum
over rounds taken in turn (the machines are noisy), training phase only:
  * the comp model alone: a beta-TCVAE at the comp size on the images (the baseline);
  * the dual run's baseline variant (no mask): what the dual Learner itself adds;
  * the "both" variant (masked input and loss) with masks made once per scene and looked up after (the default);
  * the same with the mask made afresh for every batch (`MaskMaker(cache=False)`, what compvae did before).
A run of `--steps` steps over `--n` scenes makes each scene's mask once, so the saving depends on the passes a run makes:
the defaults (90 steps of 64 over 576 training scenes, 10 passes) are the quick journal's 2.2 runs (500 steps over 3,600
training scenes, 9 passes) scaled down. Target: the cached dual step at most 1.1x the comp model alone.

    python benchmarks/dual_step.py [--size 64] [--steps 90] [--n 640] [--repeats 3]
"""
import argparse
import torch
from _util import interleaved_min, TrainTimer, table
from compvae.data import load_images, image_dls
from compvae.betatcvae import BetaTCVAE, VAELoss, vae_learner
from compvae.compvae import DualVAE, DualLoss, MaskMaker, comp_model, dual_learner, pair_dls
from compvae.mask import MaskSpec
from compvae.learner import StepCounter, StepChunks

def timed(learn, dl, steps):
    "A function that trains `learn` for `steps` steps (one fit, as a run does) and returns the seconds of its training phase."
    timer = TrainTimer(); learn.add_cbs([StepCounter(), StepChunks(10**9, steps), timer])
    def run():
        learn.step = 0; dl.n_batches = steps
        with learn.no_bar(), learn.no_logging(): learn.fit(1)
        return timer.elapsed
    return run

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--size', type=int, default=64, help='the comp model size (the quick journal: 64; default: 128)')
    p.add_argument('--steps', type=int, default=90); p.add_argument('--n', type=int, default=640)
    p.add_argument('--bs', type=int, default=64); p.add_argument('--repeats', type=int, default=3)
    a = p.parse_args()
    torch.manual_seed(0)
    small, big = load_images('shapes3d', a.n, 64, seed=1), load_images('shapes3d', a.n, a.size, seed=1)
    mask_model = BetaTCVAE(10, 64, 3)
    def dual(variant, cache=True):
        mi, ml = variant in ('masked input', 'both'), variant in ('masked loss', 'both')
        dls = pair_dls(small, big, 0.1, a.bs, seed=0, device='cpu', stream=True)
        model = DualVAE(mask_model, comp_model(3, a.size, 10, mask_input=mi), mask_input=mi, train_mask=False)
        learn = dual_learner(dls, model, DualLoss(VAELoss(), VAELoss(), focus_latent=1, masked=ml), lr=1e-4,
                             cbs=[MaskMaker(MaskSpec(1), cache=cache)] if mi or ml else [])
        return timed(learn, dls.train, a.steps)
    dls = image_dls(big, 0.1, a.bs, seed=0, device='cpu', stream=True)
    paths = {'comp model alone': timed(vae_learner(dls, BetaTCVAE(10, a.size, 3), 1e-4), dls.train, a.steps),
             'dual, baseline variant (no mask)': dual('baseline'),
             'dual, both, masks looked up': dual('both'),
             'dual, both, masks made every batch': dual('both', cache=False)}
    t = {k: v / a.steps for k, v in interleaved_min(paths, a.repeats).items()}
    base = t['comp model alone']
    passes = a.steps * a.bs / len(dls.train.images)
    print(f'comp model {a.size} px, batch {a.bs}, {a.steps} steps over {len(dls.train.images)} training scenes ({passes:.1f} passes), '
          f'{torch.get_num_threads()} threads\n')
    table([[k, f'{v * 1e3:.1f}', f'{v / base:.2f}'] for k, v in t.items()], ['path', 'ms/step', 'vs comp alone'])
    print(f"\ndual step with masks looked up: {t['dual, both, masks looked up'] / base:.2f}x the comp model alone (target at most 1.1x); "
          f"made every batch: {t['dual, both, masks made every batch'] / base:.2f}x")

if __name__ == '__main__': main()
