#!/usr/bin/env python
"""Cost of loading a batch against a training step of the 64 px model (issue: well under 5%).

Loads batches of 64 RGB 64 px images from a `StreamDL` (uint8 in memory, converted to float per batch) and times
one optimiser step of the 64 px beta-TCVAE on the same batch size, in the same run; prints the ratio (minimum of
several repeats). Also prints the cost of drawing images the first time, and of reading them back from the cache.

    python benchmarks/data_loading.py [--n-images 20000] [--repeats 5]
"""
import argparse, os, tempfile, time
import torch
from _util import min_time, plain_step, table
from compvae.data import Faces, Shapes3D, Sprites, render_images, image_dls, clear_memory_cache
from compvae.betatcvae import BetaTCVAE, VAELoss

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n-images', type=int, default=20000); p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--bs', type=int, default=64); p.add_argument('--batches', type=int, default=50)
    a = p.parse_args()
    torch.manual_seed(0)
    data = render_images(Faces(), a.n_images, 64, seed=0)
    dls = image_dls(data, 0.1, a.bs, seed=0, device='cpu', stream=True)
    dl = dls.train; dl.n_batches = a.batches
    t_batch = min_time(lambda: [None for _ in dl], a.repeats) / a.batches

    model = BetaTCVAE(10, 64, 3); opt = torch.optim.Adam(model.parameters(), 1e-4, foreach=True)
    step, x = plain_step(model, VAELoss.for_model(model), opt), next(iter(dl))[0]
    n_steps = 10
    t_step = min_time(lambda: [step(x) for _ in range(n_steps)], a.repeats) / n_steps

    print(f'batch of {a.bs} RGB 64 px images: load {t_batch * 1e3:.2f} ms, training step {t_step * 1e3:.1f} ms')
    print(f'loading / step = {t_batch / t_step:.2%} (target: well under 5%)\n')

    # First draw versus the cache, per image (a fresh cache folder, so nothing is cached yet)
    os.environ['COMPVAE_CACHE'] = tempfile.mkdtemp()
    rows = []
    for ds in (Sprites(), Shapes3D(), Faces()):
        n = 1000
        clear_memory_cache(); t0 = time.perf_counter(); render_images(ds, n, 64, seed=1); t_draw = time.perf_counter() - t0
        clear_memory_cache(); t_disk = min_time(lambda: (clear_memory_cache(), render_images(ds, n, 64, seed=1)), 3, 0)
        rows.append([ds.name, f'{t_draw / n * 1e3:.2f} ms', f'{t_disk / n * 1e6:.1f} us', f'{t_draw / t_disk:.0f}x'])
    table(rows, ['dataset', 'draw / image', 'from disk cache / image', 'cache speed-up'])

if __name__ == '__main__': main()
