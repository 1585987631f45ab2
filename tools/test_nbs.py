#!/usr/bin/env python
"""Run each notebook's tests with `nbdev-test`, one notebook at a time, and count the results.

`nbdev-test` over a folder prints only "Success." or the names of failed notebooks; this runs it once per
notebook, prints a line per notebook (pass or FAIL and its time), and ends with `notebooks: N passed, M failed`.
The exit status is non-zero if any notebook failed.

    python tools/test_nbs.py                   # every notebook, fast cells only
    python tools/test_nbs.py --flags slow      # also the long `#| slow` cells
    python tools/test_nbs.py nbs/00_core.ipynb # some notebooks
"""
import argparse, os, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def notebooks(paths):
    if paths: return [Path(p).resolve() for p in paths]
    return sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))

def run_one(nb, flags, timing):
    cmd = ['nbdev-test', str(nb)] + (['--flags', flags] if flags else []) + (['--cell-timing-min', '5'] if timing else [])
    t0 = time.perf_counter()
    # Each notebook's temporary files (checkpoints, caches, torchrun's folders) go to a folder of its own that is
    # removed after it: left behind, a full run leaves gigabytes in /tmp and, run after run, fills the disk.
    with tempfile.TemporaryDirectory(prefix=f'test-{nb.stem}-', ignore_cleanup_errors=True) as tmp:   # a straggling child process must not abort the run
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, 'TMPDIR': tmp})
    ok = res.returncode == 0 and 'Success.' in res.stdout
    return nb, ok, time.perf_counter() - t0, res

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('paths', nargs='*', help='notebooks to test (default: every notebook in nbs/)')
    p.add_argument('--flags', default='', help='space-separated flags of cells to run that are skipped by default, e.g. "slow"')
    p.add_argument('--n-workers', type=int, default=1, help='notebooks run at once (the machines here have 2 cores: keep 1)')
    p.add_argument('--timing', action='store_true', help='also print cells slower than 5 s')
    args = p.parse_args()
    nbs = notebooks(args.paths)
    if not nbs: sys.exit('no notebooks found')
    passed = failed = 0
    with ThreadPoolExecutor(max(1, args.n_workers)) as ex:
        for nb, ok, secs, res in ex.map(lambda nb: run_one(nb, args.flags, args.timing), nbs):
            print(f"{'pass' if ok else 'FAIL'}  {nb.name:28s} {secs:6.1f} s", flush=True)
            if args.timing and res.stdout.strip(): print('\n'.join('      ' + l for l in res.stdout.splitlines() if 'Success.' not in l))
            if ok: passed += 1
            else:
                failed += 1
                print((res.stdout + res.stderr).rstrip()[-6000:], flush=True)
    print(f'notebooks: {passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
