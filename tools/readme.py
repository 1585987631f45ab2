#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb, the project's front page.

`nbdev-readme` needs quarto, which cannot be installed here, so this small script does its job: markdown cells
as they are, code cells as fenced Python (with their text output; markdown output as markdown), cells marked `#| hide` left out,
cells marked `#| echo: false` shown by their markdown output only.

    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md is not what index.ipynb gives
"""
import argparse, json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = '<!-- Generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file. -->\n\n'

def _directives(src): return [l for l in src.splitlines() if l.startswith('#|')]

def _as_terminal(text:str) -> str:
    "Stream text as a terminal shows it: of a line rewritten with carriage returns (a progress bar), its last state."
    lines = (l.rsplit('\r', 1)[-1].rstrip() for l in text.split('\n'))
    return '\n'.join(l for l in lines if l)

def cell_md(cell) -> str:
    src = ''.join(cell['source']).strip()
    if cell['cell_type'] == 'markdown': return src
    if cell['cell_type'] != 'code' or any('hide' in d for d in _directives(src)): return ''
    outs = [o for o in cell.get('outputs', []) if 'image/png' not in o.get('data', {}) and o.get('name') != 'stderr']
    md = '\n\n'.join(''.join(o['data']['text/markdown']).strip() for o in outs if 'text/markdown' in o.get('data', {}))
    if any(d.replace(' ', '') == '#|echo:false' for d in _directives(src)): return md    # output only (a table the cell reads in)
    code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
    out = '\n'.join(_as_terminal(''.join(o.get('text', ''))) if o.get('output_type') == 'stream' else ''.join(o.get('data', {}).get('text/plain', ''))
                  for o in outs if 'text/markdown' not in o.get('data', {}))
    return (f'```python\n{code}\n```' + (f'\n\n```\n{out.rstrip()}\n```' if out.strip() else '') if code else '') + (f'\n\n{md}' if md else '')

def render(nb_path=ROOT / 'nbs' / 'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    return NOTE + '\n\n'.join(s for s in map(cell_md, nb['cells']) if s) + '\n'

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--check', action='store_true', help='fail if README.md is out of date')
    args = p.parse_args()
    readme, text = ROOT / 'README.md', render()
    if args.check:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/readme.py`')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text); print(f'wrote {readme}')

if __name__ == '__main__': main()
