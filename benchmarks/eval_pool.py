#!/usr/bin/env python
"""Votes from a pool of encoded scenes: how fast `evaluate` gets, and whether the pool moves the scores.

    python benchmarks/eval_pool.py --run RUN_DIR [--seeds 4] [--pool 50000]

RUN_DIR is a trained 64 px Shapes3D model (a `compvae-train` run folder, e.g. a mask model of the medium journal:
results/journal-medium/runs/shapes3d-protocol-mask-seed0). Two parts:

1. `evaluate` three ways, timed in this run: the fast variant with fresh votes (500/250, the baseline), the fast variant
   with votes from the pool (10,000/5,000), and the standard settings with votes from the pool (gradient-boosted DCI).
   Targets (issue 14): fast under 60 s, standard under 3 minutes on 2 cores.
2. The FactorVAE and BetaVAE scores with fresh votes and with pooled votes at the same counts (500/250) over `--seeds`
   vote seeds: mean ± sd each way. The pool should move neither by more than the votes' own spread.

Measured on 2 idle CPU cores (2026-11-30, the medium journal's seed-0 mask model): fast fresh 49 s, fast pooled 24 s
(2.0x), standard pooled 86 s (0.57x the baseline's time; 65 s of it the gradient-boosted DCI); FactorVAE 0.630 ± 0.037
fresh, 0.634 ± 0.040 pooled; BetaVAE 0.806 ± 0.048 fresh, 0.799 ± 0.014 pooled (4 seeds).
"""
import argparse, time
import numpy as np
import torch
from _util import table
from compvae.betatcvae import load_run
from compvae.data import Shapes3D
from compvae.metrics import evaluate, represent_fn, factor_vae_score, beta_vae_score, CodePool

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--run', required=True, help='a trained 64 px Shapes3D run folder'); p.add_argument('--seeds', type=int, default=4)
    p.add_argument('--pool', type=int, default=50_000)
    a = p.parse_args()
    config, model = load_run(a.run, 'cpu')
    if config.dataset != 'shapes3d' or config.img_size != 64: raise SystemExit(f"--run must be a 64 px Shapes3D run, got {config.dataset} at {config.img_size} px")
    ds, rows, res = Shapes3D(), [], {}
    for name, kw in [('fast, fresh votes 500/250 (baseline)', dict(fast=True, pool=0)), ('fast, pooled votes', dict(fast=True, pool=a.pool)),
                     ('standard, pooled votes', dict(fast=False, pool=a.pool))]:
        t0 = time.perf_counter(); r, _ = evaluate(model, ds, n=10_000, progress=False, **kw); res[name] = (time.perf_counter() - t0, r)
    base = next(iter(res.values()))[0]
    for name, (t, r) in res.items():
        rows.append([name, f'{t:.0f}', f'{base / t:.2f}x', f"{r['factor_vae_eval']:.3f}", f"{r['beta_vae_eval']:.3f}", f"{r['dci_disentanglement']:.3f}"])
    print(table(rows, ['evaluate', 'seconds', 'speed vs baseline', 'FactorVAE', 'BetaVAE', 'DCI D']))
    rep, sample = represent_fn(model, ds), lambda n, rng: ds.sample_factors(n, rng)
    var = rep(ds.sample_factors(10_000, np.random.default_rng(0)))
    pf = ds.sample_factors(a.pool, np.random.default_rng(1)); pool = CodePool(pf, rep(pf))
    s = np.array([(factor_vae_score(sample, rep, ds.n_factors, n_train=500, n_eval=250, seed=k, codes_for_variance=var)['factor_vae_eval'],
                   factor_vae_score(None, None, ds.n_factors, n_train=500, n_eval=250, seed=k, codes_for_variance=var, pool=pool)['factor_vae_eval'],
                   beta_vae_score(sample, rep, ds.n_factors, n_train=500, n_eval=250, seed=k)['beta_vae_eval'],
                   beta_vae_score(None, None, ds.n_factors, n_train=500, n_eval=250, seed=k, pool=pool)['beta_vae_eval']) for k in range(a.seeds)])
    ms = lambda v: f'{v.mean():.3f} ± {v.std(ddof=1):.3f}'
    print(table([['FactorVAE', ms(s[:, 0]), ms(s[:, 1])], ['BetaVAE', ms(s[:, 2]), ms(s[:, 3])]], [f'500/250 votes, {a.seeds} seeds', 'fresh', f'pool of {a.pool:,}']))

if __name__ == '__main__':
    torch.set_num_threads(2); main()
