#!/usr/bin/env python
"""Data that never waits: loading a batch against a training step, drawing images, and the data's time to the first step.

* Loads batches of 64 RGB 64 px images from a `StreamDL` (uint8 in memory, converted to float per batch) and times
  one optimiser step of the 64 px beta-TCVAE on the same batch size, in the same run; prints the ratio (minimum of
  several repeats).
* Shapes3D drawn by geometry (each of its 480 geometries ray-traced once, then coloured) against tracing every
  image whole, per image, in the same run (target: at least 10x).
* Per dataset, with a cold cache: images drawn per second, and the seconds from nothing to the first training batch
  of a default-size run (`--n-images`, 20,000; target: 5 s); then the same from the disk cache.

    python benchmarks/data_loading.py [--n-images 20000] [--repeats 5]
"""
import argparse, os, tempfile, time
import torch
from _util import min_time, plain_step, table
from compvae.core import VAEConfig
from compvae.data import Faces, Shapes3D, render_images, image_dls, get_dls, clear_memory_cache
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

    # Shapes3D: by geometry against every image traced whole (the geometry cache starts empty each time)
    f = torch.from_numpy(Shapes3D().sample_factors(a.n_images, 1))
    def by_geometry(): Shapes3D().render(f, 64)
    def traced(n=512): ds = Shapes3D(); [ds._render_traced(f[i:i + 128], 64) for i in range(0, n, 128)]
    t_geo, t_traced = min_time(by_geometry, 1, 0) / len(f), min_time(traced, 1, 0) / 512
    print(f'Shapes3D, {len(f)} images at 64 px: by geometry {t_geo * 1e3:.3f} ms / image, traced whole {t_traced * 1e3:.2f} ms / image: '
          f'{t_traced / t_geo:.1f}x faster (target: 10x)\n')

    # Cold cache: images per second and the data's time to the first batch of a default-size run; then from the disk cache
    os.environ['COMPVAE_CACHE'] = tempfile.mkdtemp()
    rows = []
    for name in ('sprites', 'shapes3d', 'faces'):
        cfg = VAEConfig(dataset=name, n_images=a.n_images)
        def first_batch(): clear_memory_cache(); get_dls(cfg, 'cpu', stream=True).train.one_batch()
        t0 = time.perf_counter(); first_batch(); t_cold = time.perf_counter() - t0
        t_disk = min_time(first_batch, 3, 0)
        rows.append([name, f'{a.n_images / t_cold:,.0f}', f'{t_cold:.1f} s', f'{t_disk:.2f} s'])
    table(rows, ['dataset', 'images drawn / s (cold)', 'to first batch, cold (target 5 s)', 'from the disk cache'])

if __name__ == '__main__': main()
