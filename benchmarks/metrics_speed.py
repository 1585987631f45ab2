#!/usr/bin/env python
"""Wall time of each disentanglement metric on 10,000 codes of 10 latents and 6 factors.

Synthetic codes with shapes3d's factor sizes: six latents carry one factor each, with noise, and four are noise
only; `represent` (for the FactorVAE and BetaVAE scores, which draw their own batches) computes the same codes from
factors, so the timings are the metrics' own cost, not a model's. Default disentanglement_lib settings throughout,
and the DCI once more with the fast random-forest importances, with its scores beside the default's.

    python benchmarks/metrics_speed.py [--n 10000] [--skip-gbt] [--run RUN_DIR [--standard]]

With `--run`, also the whole `evaluate` of a trained 64 px Shapes3D model (a run folder) with the fast settings
(random-forest DCI, 500/250 votes; target: under 60 s on 2 cores), each step's seconds, and with `--standard` the
default settings too, with every score's gap between the two (target: within 0.05).

Measured on 2 CPU cores (2026-11-30): the default DCI takes 83 s, every other metric under 4 s (the fast DCI 3 s).
On these noisy codes the fully grown forest read disentanglement 0.47 against the default's 0.79 (it splits on the
noise latents too); the fast DCI's trees now stop at depth 8 (01a_metrics: the measurements behind the choice).
A trained 64 px Shapes3D model (the medium journal's seed-0 mask model, 3000 steps), 2 idle cores (2026-11-30):
fast `evaluate` 24.5 s (target 60 s), standard 84.8 s (target 3 min; 65 s of it the gradient-boosted DCI), both with
votes from a pool; the largest gap between them 0.017 (DCI test informativeness; D +0.010, C +0.007, every other
score equal: they share codes and votes). The fast DCI reports no train informativeness (NaN): the forest's fit of its
training codes is not the boosted trees' (0.84 with the default here).
"""
import argparse, time
import numpy as np
from _util import table
from compvae.metrics import mig, dci, sap, modularity_explicitness, factor_vae_score, beta_vae_score, gaussian_total_correlation

SIZES = (10, 10, 10, 8, 4, 15)

def sample_factors(n, rng): return np.stack([rng.integers(0, s, n) for s in SIZES], 1)

def represent(f, rng=np.random.default_rng(123)):
    z = (f / (np.array(SIZES) - 1) - 0.5) * 4 + rng.normal(0, 0.3, f.shape)
    return np.concatenate([z, rng.normal(0, 1, (len(f), 4))], 1)

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n', type=int, default=10_000); p.add_argument('--skip-gbt', action='store_true')
    a = p.parse_args()
    rng = np.random.default_rng(0)
    factors = sample_factors(a.n, rng); codes = represent(factors)
    n_tr, n_te = a.n * 2 // 3, a.n - a.n * 2 // 3
    jobs = {'MIG': lambda: mig(codes, factors)['mig'],
            'SAP': lambda: sap(codes, factors, n_tr, n_te)['sap'],
            'modularity + explicitness': lambda: modularity_explicitness(codes, factors, n_tr, n_te)['modularity'],
            'FactorVAE (10,000/5,000 votes)': lambda: factor_vae_score(sample_factors, represent, 6, codes_for_variance=codes)['factor_vae_eval'],
            'BetaVAE (10,000/5,000 points)': lambda: beta_vae_score(sample_factors, represent, 6)['beta_vae_eval'],
            'Gaussian TC': lambda: gaussian_total_correlation(codes),
            'DCI, random forest (fast)': lambda: dci(codes, factors, n_tr, n_te, importance='rf')['dci_disentanglement']}
    if not a.skip_gbt: jobs['DCI, gradient boosting (default)'] = lambda: dci(codes, factors, n_tr, n_te, importance='gbt')['dci_disentanglement']
    rows = []
    for name, fn in jobs.items():
        t0 = time.perf_counter(); v = fn(); t = time.perf_counter() - t0
        rows.append([name, f'{t:.2f}', f'{v:.3f}'])
    table(rows, ['metric', 'seconds', 'score'])
    if not a.skip_gbt:
        g, r = (dci(codes, factors, n_tr, n_te, importance=k) for k in ('gbt', 'rf'))
        print('\nDCI  default vs fast: ' + ', '.join(f"{k.split('_', 1)[1]} {g[k]:.3f} vs {r[k]:.3f}" for k in
              ('dci_disentanglement', 'dci_completeness', 'dci_informativeness_test')))

def evaluate_run(run, standard:bool):
    "Time `evaluate` of the model in `run` on Shapes3D, fast (and standard), and the scores' gaps."
    from compvae.betatcvae import load_run
    from compvae.data import Shapes3D
    from compvae.metrics import evaluate
    _, model = load_run(run, 'cpu')
    out = {}
    for name, fast in (('fast', True),) + ((('standard', False),) if standard else ()):
        t0 = time.perf_counter(); res, _ = evaluate(model, Shapes3D(), fast=fast, progress=False); t = time.perf_counter() - t0
        out[name] = res
        print(f"\nevaluate, {name}: {t:.1f} s (" + ', '.join(f'{k} {v:.1f}' for k, v in res['details']['seconds'].items()) + ')')
    keys = [k for k in out['fast'] if k != 'details']
    rows = [[k, f"{out['fast'][k]:.3f}"] + ([f"{out['standard'][k]:.3f}", f"{out['fast'][k] - out['standard'][k]:+.3f}"] if standard else []) for k in keys]
    table(rows, ['score', 'fast'] + (['standard', 'fast - standard'] if standard else []))
    if standard:      # the scores both report (the fast DCI reports no train informativeness)
        gaps = {k: abs(out['fast'][k] - out['standard'][k]) for k in keys if not k.endswith('active_dims') and np.isfinite(out['fast'][k])}
        k = max(gaps, key=gaps.get); print(f"largest gap: {gaps[k]:.3f}, {k} (target: 0.05)")

if __name__ == '__main__':
    import sys
    if '--run' in sys.argv:
        i = sys.argv.index('--run'); evaluate_run(sys.argv[i + 1], '--standard' in sys.argv)
    else: main()
