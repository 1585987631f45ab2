#!/usr/bin/env python
"""Training throughput of the 64 px beta-TCVAE: fastai `Learner.fit` against a plain PyTorch loop.

Same model, same data (a `StreamDL` of RGB 64 px images, batch 64), same Adam, all in one run; each figure is the
minimum over several repeats. Prints images per second for:
  * a plain PyTorch loop (the baseline);
  * compvae's training path: `vae_learner` with the callbacks `train` uses, with and without the progress bar;
  * both again with `torch.compile` (compilation excluded from the timing);
and the achieved training GFLOP/s (FLOPs per step from `torch.utils.flop_counter`) as a fraction of a large fp32
matmul's GFLOP/s measured in the same run.

    python benchmarks/train_throughput.py [--steps 30] [--repeats 5] [--no-compile]
"""
import argparse, time
import torch
from torch.utils.flop_counter import FlopCounterMode
from _util import min_time, plain_step, table
from compvae.data import Faces, render_images, image_dls
from compvae.betatcvae import BetaTCVAE, VAELoss, vae_learner, StepCounter, StepChunks, NaNGuard
from fastai.callback.core import Callback

def matmul_gflops(n=2048, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return 2 * n**3 / min_time(lambda: a @ b, repeats) / 1e9

def flops_per_step(model, loss_func, x):
    with FlopCounterMode(display=False) as fc:
        loss_func(model(x), x).backward()
    model.zero_grad(set_to_none=True)
    return fc.get_total_flops()

class TrainTimer(Callback):
    "Wall time of the training phase only (not validation)."
    def before_train(self): self.t0 = time.perf_counter()
    def after_train(self): self.elapsed = time.perf_counter() - self.t0

def plain_run(model, dl, steps, repeats):
    step = plain_step(model, VAELoss.for_model(model), torch.optim.Adam(model.parameters(), 1e-4))
    dl.n_batches = steps
    return min_time(lambda: [step(xb) for xb, _ in dl], repeats) / steps

def learner_run(model, dls, steps, repeats, bar):
    timer = TrainTimer()
    learn = vae_learner(dls, model, 1e-4, cbs=[StepCounter(), StepChunks(10**9, steps), NaNGuard(), timer])
    learn.step = 0; dls.train.n_batches = steps
    def fit():
        if bar: learn.fit(1)
        else:
            with learn.no_bar(), learn.no_logging(): learn.fit(1)
    best = float('inf')
    fit()                                       # warm-up
    for _ in range(repeats): fit(); best = min(best, timer.elapsed)
    return best / steps

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--steps', type=int, default=30); p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--bs', type=int, default=64); p.add_argument('--no-compile', action='store_true')
    a = p.parse_args()
    torch.manual_seed(0)
    data = render_images(Faces(), 4000, 64, seed=0)
    dls = image_dls(data, 0.02, a.bs, seed=0, device='cpu', stream=True)
    x = next(iter(dls.train))[0]
    model = BetaTCVAE(10, 64, 3)
    flops = flops_per_step(model, VAELoss.for_model(model), x)
    peak = matmul_gflops()
    print(f'threads {torch.get_num_threads()}, batch {a.bs}, {flops / 1e9:.2f} GFLOP per step (forward + backward); '
          f'fp32 matmul 2048^3: {peak:.1f} GFLOP/s\n')

    results = {}
    results['plain loop'] = plain_run(BetaTCVAE(10, 64, 3), dls.train, a.steps, a.repeats)
    results['fastai Learner (no bar)'] = learner_run(BetaTCVAE(10, 64, 3), dls, a.steps, a.repeats, bar=False)
    results['fastai Learner (progress bar)'] = learner_run(BetaTCVAE(10, 64, 3), dls, a.steps, a.repeats, bar=True)
    if not a.no_compile:
        try:
            results['plain loop, torch.compile'] = plain_run(torch.compile(BetaTCVAE(10, 64, 3)), dls.train, a.steps, a.repeats)
            results['fastai Learner, torch.compile'] = learner_run(torch.compile(BetaTCVAE(10, 64, 3)), dls, a.steps, a.repeats, bar=False)
        except Exception as e: print(f'torch.compile unavailable here: {type(e).__name__}: {e}\n')

    base = results['plain loop']
    rows = [[k, f'{t * 1e3:.1f}', f'{a.bs / t:.0f}', f'{t / base:.3f}', f'{flops / t / 1e9:.1f}', f'{flops / t / 1e9 / peak:.0%}']
            for k, t in results.items()]
    table(rows, ['path', 'ms/step', 'images/s', 'time vs plain', 'GFLOP/s', 'of matmul'])
    print(f"\nLearner overhead over the plain loop: {results['fastai Learner (no bar)'] / base - 1:+.1%} (no bar), "
          f"{results['fastai Learner (progress bar)'] / base - 1:+.1%} (with the bar); target at most +5%")

if __name__ == '__main__': main()
