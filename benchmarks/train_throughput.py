#!/usr/bin/env python
"""Training throughput of the 64 px beta-TCVAE: fastai `Learner.fit` against a plain PyTorch loop.

Same model, same data (a `StreamDL` of RGB 64 px images, batch 64), same Adam, all in one run; the paths take turns, round after
round, and each figure is the minimum over the rounds (the machines are shared and noisy). Prints images per second for:
  * a plain PyTorch loop (the baseline), with the model's weights in channels-last layout (as `vae_learner` keeps them)
    and in PyTorch's default contiguous layout: the channels-last speed-up;
  * compvae's training path: `vae_learner` with the callbacks `train` uses, with and without the progress bar;
  * both again with `torch.compile` (compilation excluded from the timing);
and the achieved training GFLOP/s (FLOPs per step from `torch.utils.flop_counter`) as a fraction of a large fp32
matmul's GFLOP/s measured in the same run. Last, fastai's fixed cost per batch: the Learner against the plain loop on
batches of 4, where the model's own work is small. It goes to the ~60 callback events of each batch, dispatched
through fastcore's attribute delegation (`Callback.__call__`, `GetAttr.__getattr__` in a profile).

    python benchmarks/train_throughput.py [--steps 30] [--repeats 5] [--no-compile]
"""
import argparse, contextlib, io, time
import torch
from torch.utils.flop_counter import FlopCounterMode
from _util import min_time, plain_step, table, interleaved_min, TrainTimer
from compvae.data import Faces, render_images, image_dls
from compvae.betatcvae import BetaTCVAE, VAELoss, vae_learner
from compvae.learner import StepCounter, StepChunks, NaNGuard

def matmul_gflops(n=2048, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return 2 * n**3 / min_time(lambda: a @ b, repeats) / 1e9

def flops_per_step(model, loss_func, x):
    with FlopCounterMode(display=False) as fc:
        loss_func(model(x), x).backward()
    model.zero_grad(set_to_none=True)
    return fc.get_total_flops()

def plain_path(model, dl, steps):
    "A function that runs `steps` optimiser steps in a plain PyTorch loop and returns the seconds they took."
    step = plain_step(model, VAELoss.for_model(model), torch.optim.Adam(model.parameters(), 1e-4, foreach=True))
    def run():
        dl.n_batches = steps
        t0 = time.perf_counter(); [step(xb) for xb, _ in dl]; return time.perf_counter() - t0
    return run

def learner_path(model, dls, steps, bar):
    "The same through compvae's Learner (its training phase only, timed by a callback)."
    timer = TrainTimer()
    learn = vae_learner(dls, model, 1e-4, cbs=[StepCounter(), StepChunks(10**9, steps), NaNGuard(), timer])
    learn.step = 0
    def run():
        dls.train.n_batches = steps
        if bar:   # the bar's cost is paid, its text is not shown
            with contextlib.redirect_stdout(io.StringIO()): learn.fit(1)
        else:
            with learn.no_bar(), learn.no_logging(): learn.fit(1)
        return timer.elapsed
    return run

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

    cl = lambda m: m.to(memory_format=torch.channels_last)
    paths = {'plain loop': plain_path(cl(BetaTCVAE(10, 64, 3)), dls.train, a.steps),
             'plain loop, contiguous weights': plain_path(BetaTCVAE(10, 64, 3), dls.train, a.steps),
             'fastai Learner (no bar)': learner_path(BetaTCVAE(10, 64, 3), dls, a.steps, bar=False),
             'fastai Learner (progress bar)': learner_path(BetaTCVAE(10, 64, 3), dls, a.steps, bar=True)}
    if not a.no_compile:
        try:
            paths['plain loop, torch.compile'] = plain_path(torch.compile(cl(BetaTCVAE(10, 64, 3))), dls.train, a.steps)
            paths['fastai Learner, torch.compile'] = learner_path(torch.compile(BetaTCVAE(10, 64, 3)), dls, a.steps, bar=False)
        except Exception as e: print(f'torch.compile unavailable here: {type(e).__name__}: {e}\n')
    results = {k: t / a.steps for k, t in interleaved_min(paths, a.repeats).items()}
    base = results['plain loop']
    rows = [[k, f'{t * 1e3:.1f}', f'{a.bs / t:.0f}', f'{t / base:.3f}', f'{flops / t / 1e9:.1f}', f'{flops / t / 1e9 / peak:.0%}']
            for k, t in results.items()]
    table(rows, ['path', 'ms/step', 'images/s', 'time vs plain', 'GFLOP/s', 'of matmul'])
    print(f"\nchannels-last weights against contiguous ones: {results['plain loop, contiguous weights'] / base:.2f}x faster a step")
    print(f"Learner overhead over the plain loop: {results['fastai Learner (no bar)'] / base - 1:+.1%} (no bar), "
          f"{results['fastai Learner (progress bar)'] / base - 1:+.1%} (with the bar); target at most +5%")

    # fastai's fixed cost per batch shows best where the model's own work is small: batches of 4
    small = image_dls(data, 0.02, 4, seed=0, device='cpu', stream=True)
    n = 100
    fixed = {k: t / n for k, t in interleaved_min({'plain loop': plain_path(cl(BetaTCVAE(10, 64, 3)), small.train, n),
        'Learner (no bar)': learner_path(BetaTCVAE(10, 64, 3), small, n, bar=False),
        'Learner (progress bar)': learner_path(BetaTCVAE(10, 64, 3), small, n, bar=True)}, a.repeats).items()}
    print(f"\nfixed cost per batch (batches of 4): Learner {(fixed['Learner (no bar)'] - fixed['plain loop']) * 1e3:.2f} ms, "
          f"with the bar {(fixed['Learner (progress bar)'] - fixed['plain loop']) * 1e3:.2f} ms "
          f"(of {base * 1e3:.0f} ms per step at batch {a.bs})")

if __name__ == '__main__': main()
