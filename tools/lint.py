#!/usr/bin/env python
"""Lint the library, tools and benchmarks: pyflakes finds nothing, and no module imports another's private name.

    python tools/lint.py
"""
import ast, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ('compvae', 'tools', 'benchmarks')

def private_imports(path:Path) -> list:
    "`from compvae.x import _y` (or `from .x import _y`) lines of a file: a private name used across modules."
    tree = ast.parse(path.read_text(), str(path))
    return [f'{path.relative_to(ROOT)}:{node.lineno}: imports the private name {a.name!r} from {node.module}'
            for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and (node.level or (node.module or '').startswith('compvae'))
            for a in node.names if a.name.startswith('_')]

def main():
    flakes = subprocess.run([sys.executable, '-m', 'pyflakes', *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    problems = [l for l in (flakes.stdout + flakes.stderr).splitlines() if l.strip()]
    problems += [p for f in FOLDERS for path in sorted((ROOT / f).rglob('*.py')) for p in private_imports(path)]
    for p in problems: print(p)
    print(f'lint: {len(problems)} problem(s)')
    sys.exit(1 if problems else 0)

if __name__ == '__main__': main()
