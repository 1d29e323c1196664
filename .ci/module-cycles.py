#!/usr/bin/env python3
"""File-level import graph of a crate's src/: every `use crate::a::b::...`, `use super::...`,
`crate::a::b::f(...)` path and `super::x` path in code (not comments) is resolved to the file
that defines the module it names; `mod x;` declarations are not counted as imports. Prints the
edges and any cycle (strongly connected component of more than one file, or a self-loop)."""
import os, re, sys
root = sys.argv[1]
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.relpath(os.path.join(d, f), root)
            files[p] = open(os.path.join(d, f)).read()
def modpath(p):  # file -> module path list
    parts = p[:-3].split('/')
    if parts[-1] in ('lib', 'mod'): parts = parts[:-1]
    return parts
mod2file = {tuple(modpath(p)): p for p in files}
def resolve(segs):
    # longest prefix that is a module file
    for n in range(len(segs), -1, -1):
        if tuple(segs[:n]) in mod2file: return mod2file[tuple(segs[:n])]
def strip_comments(s):
    s = re.sub(r'//[^\n]*', '', s)
    return s
edges = set()
for p, src in files.items():
    me = modpath(p)
    code = strip_comments(src)
    # expand `use a::{b, c::{d}}` groups roughly: take every path token
    for m in re.finditer(r'\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)(::\{[^;]*?\})?', code):
        base = m.group(1); segs = m.group(2).strip(':').split('::')
        if base == 'crate': start = []
        else:
            # super relative to the module containing this file
            start = me[:-1]
        paths = [segs]
        if m.group(3):
            inner = re.findall(r'[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*', m.group(3))
            paths = [segs + q.split('::') for q in inner if q != 'self'] + [segs]
        for sg in paths:
            t = resolve(start + sg)
            if t and t != p: edges.add((p, t))
            if t == p and base == 'crate' and len(sg)>0: pass
# lib.rs and mod.rs name their child modules without `crate::`/`self::`.
for p, src in files.items():
    if not (p == 'lib.rs' or p.endswith('mod.rs')): continue
    me = modpath(p); code = strip_comments(src)
    children = re.findall(r'^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+([a-z_0-9]+)\s*;', code, re.M)
    code = re.sub(r'^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+[a-z_0-9]+\s*;', '', code, flags=re.M)
    for ch in children:
        for m in re.finditer(r'(?<![A-Za-z0-9_:])' + ch + r'((?:::[A-Za-z_][A-Za-z0-9_]*)*)(::\{[^;]*?\})?', code):
            segs = [ch] + [x for x in m.group(1).strip(':').split('::') if x]
            paths = [segs]
            if m.group(2):
                inner = re.findall(r'[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*', m.group(2))
                paths += [segs + q.split('::') for q in inner if q != 'self']
            for sg in paths:
                t = resolve(me + sg)
                if t and t != p: edges.add((p, t))
# cycles: Tarjan
graph = {p: sorted(t for (s, t) in edges if s == p) for p in files}
idx, low, on, st, sccs, c = {}, {}, set(), [], [], [0]
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in graph[v]:
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)
sys.setrecursionlimit(10000)
for v in files:
    if v not in idx: sc(v)
if '-v' in sys.argv:
    for s, t in sorted(edges): print(f'{s} -> {t}')
cyc = [c for c in sccs if len(c) > 1]
print(f'{len(files)} files, {len(edges)} import edges, {len(cyc)} cycles')
for c in cyc: print('CYCLE:', ' <-> '.join(sorted(c)))
# stage order check: typeset must not import layout/export; layout must not import export
bad = [(s, t) for s, t in edges if (s.startswith('typeset/') and (t.startswith('layout/') or t.startswith('export/')))
       or (s.startswith('layout/') and t.startswith('export/'))]
for s, t in bad: print('STAGE VIOLATION:', s, '->', t)
sys.exit(1 if cyc or bad else 0)
