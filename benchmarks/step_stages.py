#!/usr/bin/env python
"""Where a training step's time goes, and what the levers do: per stage, bf16 autocast, Adam variants, batch size.

For the 64 px and 128 px beta-TCVAE (channels-last weights, as the Learners keep them), all in one run, each figure the
minimum over repeats:
  * per stage: encoder forward, decoder forward, loss (reconstruction, KL, total correlation), backward, optimiser step;
  * the whole step with Adam's for-each (compvae's choice), fused and plain for-loop implementations;
  * the whole step under bf16 autocast (the forward pass in `torch.autocast(device, torch.bfloat16)`, the loss in fp32, as
    `--precision bf16` trains) against fp32;
  * images per second at batch 32, 64 and 128;
  * achieved GFLOP/s of the fp32 step (FLOPs from `torch.utils.flop_counter`) as a fraction of an fp32 matmul's in the same run.

    python benchmarks/step_stages.py [--repeats 5] [--sizes 64 128] [--device cpu]
"""
import argparse, contextlib, time
import torch
from torch.utils.flop_counter import FlopCounterMode
from _util import min_time, table
from compvae.betatcvae import BetaTCVAE, VAELoss, VAEOutput, reparameterize
from compvae.learner import fp32

def matmul_gflops(device, n=2048, repeats=5):
    a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
    return 2 * n**3 / min_time(lambda: sync(device, a @ b), repeats) / 1e9

def sync(device, out=None):
    if torch.device(device).type == 'cuda': torch.cuda.synchronize()
    return out

def stepper(model, x, opt, amp=None):
    loss_func = VAELoss.for_model(model)
    ctx = (lambda: torch.autocast(x.device.type, torch.bfloat16)) if amp else contextlib.nullcontext
    def step():                  # as `Autocast` does it: the forward pass in bf16, the loss on its output in fp32
        with ctx(): out = model(x)
        loss = loss_func(fp32(out), x)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); sync(x.device)
    return step

def stages(model, x, repeats):
    "Seconds of each stage of one step."
    loss_func, opt = VAELoss.for_model(model), torch.optim.Adam(model.parameters(), 1e-4, foreach=True)
    def enc(): return model.encoder(x).chunk(2, dim=1)
    mu, lv = enc(); z = reparameterize(mu, lv); rec = model.decoder(z); out = VAEOutput(rec, mu, lv, z)
    t = {'encoder forward': min_time(lambda: sync(x.device, enc()), repeats),
         'decoder forward': min_time(lambda: sync(x.device, model.decoder(z.detach())), repeats),
         'loss (recon, KL, TC)': min_time(lambda: sync(x.device, loss_func(out, x)), repeats)}
    def backward():
        mu, lv = model.encoder(x).chunk(2, dim=1); z = reparameterize(mu, lv)
        loss = loss_func(VAEOutput(model.decoder(z), mu, lv, z), x); sync(x.device)
        t0 = time.perf_counter(); loss.backward(); sync(x.device); return time.perf_counter() - t0
    t['backward'] = min(backward() for _ in range(repeats + 1))
    t['optimiser step (Adam, for-each)'] = min_time(lambda: (opt.step(), sync(x.device)), repeats)
    return t

def flops(model, x):
    with FlopCounterMode(display=False) as fc: VAELoss.for_model(model)(model(x), x).backward()
    model.zero_grad(set_to_none=True); return fc.get_total_flops()

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--repeats', type=int, default=5); p.add_argument('--sizes', type=int, nargs='+', default=[64, 128])
    p.add_argument('--device', default='cpu')
    a = p.parse_args()
    torch.manual_seed(0); dev = torch.device(a.device)
    peak = matmul_gflops(dev)
    print(f'{dev}, {torch.get_num_threads()} threads; fp32 matmul 2048^3: {peak:.1f} GFLOP/s')
    for size in a.sizes:
        bs = 64 if size == 64 else 32
        new = lambda: BetaTCVAE(10, size, 3).to(dev, memory_format=torch.channels_last)
        model = new(); x = torch.rand(bs, 3, size, size, device=dev)
        f = flops(model, x)
        print(f'\n## {size} px, batch {bs}: {f / 1e9:.2f} GFLOP a step (forward + backward)\n')
        st = stages(model, x, a.repeats); total = sum(st.values())
        table([[k, f'{v * 1e3:.1f}', f'{v / total:.0%}'] for k, v in st.items()], ['stage', 'ms', 'share'])
        opts = {'Adam for-each (compvae)': dict(foreach=True, fused=False), 'Adam fused': dict(fused=True), 'Adam for-loop': dict(foreach=False, fused=False)}
        rows, base = [], None
        for name, kw in opts.items():
            m = new(); step = stepper(m, x, torch.optim.Adam(m.parameters(), 1e-4, **kw))
            try: t = min_time(step, a.repeats)
            except Exception as e: rows.append([name, f'unavailable ({type(e).__name__})', '', '', '']); continue
            base = base or t
            rows.append([name, f'{t * 1e3:.1f}', f'{base / t:.2f}', f'{f / t / 1e9:.1f}', f'{f / t / 1e9 / peak:.0%}'])
        m = new(); t = min_time(stepper(m, x, torch.optim.Adam(m.parameters(), 1e-4, foreach=True), amp=True), a.repeats)
        rows.append(['bf16 autocast, Adam for-each', f'{t * 1e3:.1f}', f'{base / t:.2f}', '', ''])
        print(); table(rows, ['whole step', 'ms', 'speed vs compvae', 'GFLOP/s', 'of matmul'])
        rows = []
        for b in (32, 64, 128):
            m = new(); xb = torch.rand(b, 3, size, size, device=dev)
            t = min_time(stepper(m, xb, torch.optim.Adam(m.parameters(), 1e-4, foreach=True)), max(2, a.repeats // 2))
            rows.append([b, f'{t * 1e3:.0f}', f'{b / t:.0f}'])
        print(); table(rows, ['batch', 'ms/step', 'images/s'])

if __name__ == '__main__': main()
