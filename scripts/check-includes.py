#!/usr/bin/env python3
"""check-includes.py - the include graph of src/ follows the layers.

The folders of src/ are layers, lowest first (README.md, "Architecture"):

    util < data < layout < render < template < reports < document < main.c

A file may include headers of its own folder and of the folders below it,
never of one above it, and no chain of includes may come back to where it
started (a cycle).  Usage: check-includes.py [ROOT] (default: this
project).  A folder missing from LAYERS is an error too, so a new
folder must be given its place here.  Exit 0 when the graph is clean, 1
with one line per problem (file:line: error: ...) otherwise.
"""
import os
import re
import sys

LAYERS = ["util", "data", "layout", "render", "template", "reports",
          "document", ""]  # "" is src/ itself (main.c)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer_of(path):
    rel = os.path.relpath(path, "src")
    folder = os.path.dirname(rel)
    return folder if folder in LAYERS else None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    os.chdir(root)
    files = []
    for d, _, names in os.walk("src"):
        files += [os.path.normpath(os.path.join(d, n)) for n in names
                  if n.endswith((".c", ".h"))]
    problems = []
    edges = {}
    for f in sorted(files):
        lf = layer_of(f)
        if lf is None:
            problems.append(f"{f}:1: error: folder not in the layers of "
                            "scripts/check-includes.py")
            continue
        edges[f] = []
        with open(f, encoding="utf-8") as fh:
            for no, line in enumerate(fh, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = os.path.normpath(os.path.join(os.path.dirname(f),
                                                       m.group(1)))
                if not os.path.exists(target):
                    problems.append(f"{f}:{no}: error: includes "
                                    f"{m.group(1)}, which does not exist")
                    continue
                lt = layer_of(target)
                edges[f].append((target, no))
                if lt is None:
                    continue
                if LAYERS.index(lt) > LAYERS.index(lf):
                    problems.append(f"{f}:{no}: error: {lf or 'src'}/ "
                                    f"includes {target}, from {lt}/ above it")
    # Cycles: depth-first search with colours.
    colour = {}
    stack = []

    def visit(f):
        colour[f] = 1
        stack.append(f)
        for t, no in edges.get(f, []):
            if colour.get(t) == 1:
                cyc = stack[stack.index(t):] + [t]
                problems.append(f"{f}:{no}: error: include cycle: "
                                + " -> ".join(cyc))
            elif t in edges and not colour.get(t):
                visit(t)
        stack.pop()
        colour[f] = 2

    for f in sorted(edges):
        if not colour.get(f):
            visit(f)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
