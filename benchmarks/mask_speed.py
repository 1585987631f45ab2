#!/usr/bin/env python
"""Cost of making traversal masks for 256 images x 10 latents with the 64 px model.

All in one run, each the minimum of several repeats:
  (a) the batched all-latent pass, `traversal_mask(model, x)`;
  (b) the same masks made one image (and one latent) at a time;
  (c) the floor: only the forward passes the masks need (encode the 256 images, decode the 2 x 256 x 10 codes),
      in the same batches, with nothing else.
Prints (b)/(a), which should be several times, and (a)/(c), which should be at most 1.25: thresholding, reducing and
resizing must not dominate. Also the soft and nuisance options against (a).

On a CPU the decoder is fastest on small batches (see `default_pairs`), so the batched path decodes 32 images per call
there; the floor (c) uses the same batches. Measured on 2 CPU cores (2026-11-30): (a) 0.73 s, (b) 2.97 s, (c) 0.68 s:
(b)/(a) = 4.1 and (a)/(c) = 1.07. With batches of 1,024 codes, (a) took 2.17 s and (b)/(a) was only 1.4.

    python benchmarks/mask_speed.py [--n 256] [--repeats 3]
"""
import argparse
import torch
from _util import min_time, table
from compvae.betatcvae import BetaTCVAE
from compvae.data import Shapes3D
from compvae.mask import traversal_mask, default_pairs

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n', type=int, default=256); p.add_argument('--repeats', type=int, default=3); p.add_argument('--bs', type=int, default=None, help='code pairs per decode call (default: the library default for the device)')
    a = p.parse_args()
    torch.manual_seed(0)
    model = BetaTCVAE(10, 64, 3).eval()
    x = Shapes3D().render(Shapes3D().sample_factors(a.n, 0), 64)
    L = model.n_latents
    a.bs = a.bs or default_pairs('cpu')

    def batched(): return traversal_mask(model, x, bs=a.bs)
    def one_at_a_time(): return [traversal_mask(model, x[i:i + 1], l) for i in range(len(x)) for l in range(L)]
    @torch.no_grad()
    def floor():
        mu = model.encode(x)[0]
        z = mu[:, None, :].repeat(1, 2 * L, 1).reshape(-1, L)
        for i in range(0, len(z), 2 * a.bs): model.decode(z[i:i + 2 * a.bs])

    ta, tc = min_time(batched, a.repeats), min_time(floor, a.repeats)
    tb = min_time(one_at_a_time, 1, 0)
    t_soft = min_time(lambda: traversal_mask(model, x, soft=True, bs=a.bs), a.repeats)
    t_size = min_time(lambda: traversal_mask(model, x, size=256, bs=a.bs), a.repeats)
    t_nuis = min_time(lambda: traversal_mask(model, x, nuisance=4, seed=0, bs=a.bs), 1)
    table([['(a) batched, all latents', f'{ta:.2f}', '1.00'], ['(b) one image and latent at a time', f'{tb:.2f}', f'{tb / ta:.2f}'],
           ['(c) floor: forward passes only', f'{tc:.2f}', f'{tc / ta:.2f}'], ['soft masks', f'{t_soft:.2f}', f'{t_soft / ta:.2f}'],
           ['resized to 256 px', f'{t_size:.2f}', f'{t_size / ta:.2f}'], ['4 nuisance draws', f'{t_nuis:.2f}', f'{t_nuis / ta:.2f}']],
          ['path', 'seconds', 'vs (a)'])
    print(f'\n{a.n} images x {L} latents: (b)/(a) = {tb / ta:.1f} (target: several times), (a)/(c) = {ta / tc:.2f} (target: at most 1.25)')

if __name__ == '__main__': main()
