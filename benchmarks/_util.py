"Shared helpers for the benchmarks: timing by the minimum of repeats, and a plain training step."
import time, warnings
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated')
from fastai.callback.core import Callback

def min_time(fn, repeats:int=5, warmup:int=1) -> float:
    "Minimum wall time of `fn()` over `repeats` runs, after `warmup` runs (the machines are shared and noisy)."
    for _ in range(warmup): fn()
    best = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t0)
    return best

def plain_step(model, loss_func, opt):
    "One optimiser step of a VAE on a batch, the way a hand-written PyTorch loop does it."
    def step(x):
        loss = loss_func(model(x), x)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        return loss
    return step

def table(rows, header):
    "Print rows as an aligned text table."
    w = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header, ['-' * x for x in w]] + rows: print('  '.join(str(c).ljust(x) for c, x in zip(r, w)))

class TrainTimer(Callback):
    "Wall time of the training phase only (not validation)."
    def before_train(self): self.t0 = time.perf_counter()
    def after_train(self): self.elapsed = time.perf_counter() - self.t0

def interleaved_min(paths:dict, repeats:int) -> dict:
    "Seconds per run of each path: one warm-up each, then `repeats` rounds taking the paths in turn; the minimum of each."
    for run in paths.values(): run()
    best = {k: float('inf') for k in paths}
    for _ in range(repeats):
        for k, run in paths.items(): best[k] = min(best[k], run())
    return best
