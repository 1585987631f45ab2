#!/usr/bin/env python
"""The GPU check: what one GPU does with compvae's own training, mask and data paths, in under 5 minutes.

Prints, on one CUDA device:
  * images/s of a training step of the 64, 128 and 256 px models through `vae_learner` (the Learner `train` and the
    command lines build, with the run's step counter and NaN guard), at the largest batch of 32, 64, ..., 1024 that
    fits, in fp32 (channels-last weights, as `vae_learner` keeps them), in bf16 autocast (`Autocast`, what `--precision bf16`
    adds to a run), with fastai's fp16 mixed precision (`learn.to_fp16()`), with contiguous weights, and compiled
    (`torch.compile`); each figure the minimum over repeats, after a warm-up;
  * masks per second of `traversal_mask` (every latent of the 64 px model, the journal's settings);
  * images drawn per second per built-in dataset (on the CPU: the renderers are CPU code) and the data's time to the
    first batch;
  * peak GPU memory of each training configuration;
  * a 200-step journal smoke run through `compvae-journal` (tiny sizes), with its wall time.
On a machine without CUDA it says so and exits with status 2. `--device cpu --quick` runs the same code paths on the
CPU at toy sizes, to check the script itself.

    python benchmarks/gpu.py [--quick] [--device cuda] [--no-compile] [--out FILE.json]
"""
import argparse, json, os, subprocess, sys, tempfile, time, traceback
import torch
from _util import table
from compvae.data import DATASETS, render_images, image_dls, clear_memory_cache
from compvae.betatcvae import BetaTCVAE, vae_learner
from compvae.learner import StepCounter, NaNGuard, Autocast
from compvae.mask import traversal_mask

def sync(dev):
    if dev.type == 'cuda': torch.cuda.synchronize(dev)

def fits(model_fn, bs, size, channels, dev) -> bool:
    "Whether a training step of batch `bs` fits in the device's memory."
    try:
        m = model_fn().to(dev); x = torch.rand(bs, channels, size, size, device=dev)
        out = m(x); (out.recon.sum() + out.mu.sum()).backward()
        del m, x, out; return True
    except torch.OutOfMemoryError: return False
    finally:
        if dev.type == 'cuda': torch.cuda.empty_cache()

def largest_batch(size, channels, dev, top) -> int:
    bs, best = 32, None
    while bs <= top and fits(lambda: BetaTCVAE(10, size, channels), bs, size, channels, dev): best, bs = bs, bs * 2
    return best or 16

def step_rate(size, bs, dev, variant, steps, n_images):
    "Images per second of `steps` training steps through `vae_learner` in one `variant` (fp32, bf16, fp16, contiguous, compile)."
    data = render_images(DATASETS['shapes3d'](), n_images, size, seed=0)
    dls = image_dls(data, 0.1, bs, seed=0, device=dev, stream=True)
    model = BetaTCVAE(10, size, 3)
    learn = vae_learner(dls, model, 1e-4, cbs=[StepCounter(), NaNGuard()] + ([Autocast()] if variant == 'bf16' else []))
    if variant == 'contiguous': learn.model = learn.model.to(memory_format=torch.contiguous_format)
    if variant == 'fp16': learn = learn.to_fp16()
    if variant == 'compile': learn.model = torch.compile(learn.model)
    dls.train.n_batches = 3
    with learn.no_bar(), learn.no_logging(): learn.fit(1)                 # warm-up (compilation, cuDNN autotuning)
    if dev.type == 'cuda': torch.cuda.reset_peak_memory_stats(dev)
    dls.train.n_batches = steps
    best = float('inf')
    for _ in range(3):
        sync(dev); t0 = time.perf_counter()
        with learn.no_bar(), learn.no_logging(): learn.fit(1)             # includes one validation pass: the run's real chunk
        sync(dev); best = min(best, time.perf_counter() - t0)
    mem = torch.cuda.max_memory_allocated(dev) / 2**30 if dev.type == 'cuda' else float('nan')
    return steps * bs / best, mem

def mask_rate(dev, n):
    model = BetaTCVAE(10, 64, 3).to(dev).eval()
    x = torch.rand(n, 3, 64, 64, device=dev)
    traversal_mask(model, x[:8], None, threshold=0.02); sync(dev)
    t0 = time.perf_counter(); traversal_mask(model, x, None, threshold=0.02); sync(dev)
    return n * model.n_latents / (time.perf_counter() - t0)

def drawing(n, cache):
    os.environ['COMPVAE_CACHE'] = cache          # a cold cache: every image drawn
    rows = []
    for name, cls in DATASETS.items():
        clear_memory_cache(); t0 = time.perf_counter(); render_images(cls(), n, 64, seed=0); rows.append([name, f'{n / (time.perf_counter() - t0):,.0f}'])
    return rows

def journal_smoke(dev, quick, out):
    steps = '20' if quick else '200'
    args = ['--quick', '--mask-betas', '[6.0]', '--seeds', '[0]', '--mask-steps', steps, '--comp-steps', steps, '--save-every', steps,
            '--n-images', '640' if quick else '5000', '--n-eval', '160' if quick else '1000', '--n-mask-eval', '16' if quick else '64', '--no-faces',
            '--device', str(dev), '--out', out]
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, '-c', 'from compvae.experiments import compvae_journal; compvae_journal()', *args], capture_output=True, text=True)
    return time.perf_counter() - t0, r.returncode, (r.stdout + r.stderr).strip().splitlines()[-(30 if r.returncode else 1):]

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--device', default='cuda'); p.add_argument('--quick', action='store_true', help='toy sizes (to check the script on a CPU)')
    p.add_argument('--no-compile', action='store_true'); p.add_argument('--out', default=None, help='also write the figures as JSON here')
    a = p.parse_args()
    dev = torch.device(a.device)
    if dev.type == 'cuda' and not torch.cuda.is_available():
        print('gpu.py: no CUDA device here: run it where a GPU is (or check the script with --device cpu --quick)', file=sys.stderr); sys.exit(2)
    t_start = time.perf_counter()
    print(f"device: {torch.cuda.get_device_name(dev) if dev.type == 'cuda' else 'cpu'}; torch {torch.__version__}\n")
    # steps a timed pass: about 1-3 s of work at each size on an H200 (20 steps of the 64 px model took 0.25 s, and two passes
    # differed by 15%; 20 of the 256 px model took 9 s, and the whole check 329 s)
    sizes, steps, n_images, top = ((64,), {64: 3}, 256, 64) if a.quick else ((64, 128, 256), {64: 100, 128: 20, 256: 6}, 4096, 1024)
    variants = ['fp32', 'bf16', 'fp16', 'contiguous'] + ([] if a.no_compile else ['compile'])
    if a.quick or dev.type != 'cuda': variants = [v for v in variants if v not in ('fp16', 'compile')]   # CPU: no fp16 scaler, compile too slow
    results, rows = {'device': str(dev), 'train': {}}, []
    for size in sizes:
        bs = 32 if a.quick else largest_batch(size, 3, dev, top)
        for v in variants:
            try: rate, mem = step_rate(size, bs, dev, v, steps[size], max(n_images, 2 * bs))
            except Exception as e:                     # say why on stderr, and go on to the next configuration
                print(f'{size} px {v} failed:', file=sys.stderr); traceback.print_exc(limit=-4)
                rows.append([f'{size} px', bs, v, f'failed: {type(e).__name__}', '']); continue
            results['train'][f'{size}px {v}'] = {'batch': bs, 'images_per_s': rate, 'peak_gib': mem}
            rows.append([f'{size} px', bs, v, f'{rate:,.0f}', f'{mem:.1f}'])
    table(rows, ['model', 'batch', 'variant', 'images/s', 'peak GiB'])
    print(f'(training steps: {time.perf_counter() - t_start:.0f} s so far)')
    results['masks_per_s'] = mask_rate(dev, 64 if a.quick else 1024)
    print(f"\nmasks/s (64 px model, every latent, d 0.2): {results['masks_per_s']:,.0f}")
    work = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)      # the cache and the smoke run's folder, removed at the end
    draw = drawing(1000 if a.quick else 20000, f'{work.name}/cache'); results['drawn_per_s'] = {r[0]: r[1] for r in draw}
    print(); table(draw, ['dataset', 'images drawn / s (CPU, cold cache)'])
    secs, rc, last = journal_smoke(dev, a.quick, f'{work.name}/journal')
    results['journal_smoke'] = {'seconds': secs, 'exit': rc, 'last_line': last}
    print(f"\njournal smoke run ({'20' if a.quick else '200'} steps a model): {secs:.0f} s, exit {rc}:", *last, sep='\n' if rc else ' ')
    print(f'\nwhole check: {time.perf_counter() - t_start:.0f} s (target: under 300 s on a GPU)')
    if a.out: json.dump(results, open(a.out, 'w'), indent=1, default=str)
    work.cleanup()
    if rc: sys.exit(1)

if __name__ == '__main__': main()
