#!/usr/bin/env python
"""Run notebooks and keep their outputs, without the noise: what a reader of the committed notebooks sees.

Each notebook is run by `nbdev-test --save` (cells flagged `slow`/`notest` are skipped and keep the outputs they had),
then progress bars (fastprogress's HTML and text), stderr (warnings) and temporary-folder paths are taken out of the
outputs, and `nbdev-clean` tidies the file. Ends with each notebook's size against the 500 KB budget.

    python tools/run_nbs.py                    # every notebook
    python tools/run_nbs.py nbs/02_mask.ipynb  # some
"""
import argparse, json, os, re, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 500_000
TMP = re.compile(re.escape(tempfile.gettempdir()) + r'/[^\s\'"]*')

def _noise(o) -> bool:
    "A progress bar or a warning."
    if o.get('output_type') == 'stream' and o.get('name') == 'stderr': return True
    html = ''.join(o.get('data', {}).get('text/html', ''))
    return '<progress' in html or 'progress-bar' in html

def _tidy(o):
    if o.get('output_type') == 'stream':
        text = ''.join(o['text'])
        text = '\n'.join(l.rsplit('\r', 1)[-1] for l in text.split('\n'))     # a rewritten line (a text progress bar): its last state
        o['text'] = TMP.sub('<tmp>', text).splitlines(keepends=True)
    return o

def tidy(path:Path):
    nb = json.loads(path.read_text())
    for c in nb['cells']:
        if c['cell_type'] == 'code': c['outputs'] = [_tidy(o) for o in c.get('outputs', []) if not _noise(o)]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('paths', nargs='*', help='notebooks (default: every notebook in nbs/)')
    a = p.parse_args()
    nbs = [Path(x).resolve() for x in a.paths] or sorted((ROOT / 'nbs').glob('*.ipynb'))
    failed = 0
    for nb in nbs:
        with tempfile.TemporaryDirectory(prefix=f'run-{nb.stem}-', ignore_cleanup_errors=True) as tmp:   # its temporary files go with it
            res = subprocess.run(['nbdev-test', str(nb), '--save'], cwd=ROOT, capture_output=True, text=True, env={**os.environ, 'TMPDIR': tmp})
        if res.returncode or 'Success.' not in res.stdout: failed += 1; print(f'FAIL  {nb.name}\n{(res.stdout + res.stderr)[-3000:]}'); continue
        tidy(nb)
        subprocess.run(['nbdev-clean', '--fname', str(nb)], cwd=ROOT, check=True)
        size = nb.stat().st_size
        print(f"{'ok  ' if size < BUDGET else 'BIG '}  {nb.name:28s} {size / 1000:7.0f} KB")
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
