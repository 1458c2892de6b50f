#!/usr/bin/env python3
"""scripts/check-prefixes.py - a public header's functions carry its name.

House rule (docs/ARCHITECTURE.md, STYLE.md section 3): header name = file
name = function prefix.  Every function declared at file scope in
include/ghosttrack/NAME.h must be called gt_NAME or gt_NAME_*, or, after
git's strbuf_* and STYLE.md's gt_<module>_<verb>() "operating on struct
gt_<module>", gt_TYPE_* where struct or enum gt_TYPE belongs to that header (its
body is there, or it is an opaque handle no other public header defines).
The one header that is itself a family of small names (the allocator) and
the error map's two lookups are listed in ALLOWED with the reason.

Comments, string literals, preprocessor lines, typedefs (function types are
types, not functions) and everything inside braces (struct members, static
inline bodies) are skipped, so only declarations count.  Exit status 1
lists each mismatch as header: function.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INC = os.path.join(ROOT, "include", "ghosttrack")

# header -> extra prefixes it may use, with the reason in a comment
ALLOWED = {
    # libuv's model: the error map names its two lookups after the C library's
    # strerror(3) (STYLE.md section 4)
    "err": ("gt_strerror", "gt_errname"),
    # the allocator family is named after malloc(3) & co (STYLE.md section 5)
    "mem": ("gt_malloc", "gt_calloc", "gt_realloc", "gt_free", "gt_strndup",
            "gt_grow", "gt_push"),
}


def strip(text):
    """Drop comments, strings, preprocessor lines; keep braces depth-0 text."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r'"(\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(\\.|[^'\\])*'", "''", text)
    lines, cont = [], False
    for line in text.split("\n"):
        if cont or line.lstrip().startswith("#"):
            cont = line.rstrip().endswith("\\")
            continue
        lines.append(line)
    out, depth = [], 0
    for ch in "\n".join(lines):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def owned_types(texts):
    """header -> struct and enum names whose body (or, for opaque structs,
    only declaration) is in that header."""
    bodies, fwd = {}, {}
    for mod, raw in texts.items():
        for t in re.findall(r"\b(?:struct|enum)\s+gt_(\w+)\s*\{", raw):
            bodies.setdefault(t, mod)
        for t in re.findall(r"^struct\s+gt_(\w+)\s*;", raw, flags=re.M):
            fwd.setdefault(t, set()).add(mod)
    own = {}
    for t, mod in bodies.items():
        own.setdefault(mod, set()).add(t)
    for t, mods in fwd.items():
        if t not in bodies and len(mods) == 1:
            own.setdefault(next(iter(mods)), set()).add(t)
    return own


def main():
    bad = 0
    names = sorted(f for f in os.listdir(INC) if f.endswith(".h"))
    texts = {}
    for name in names:
        with open(os.path.join(INC, name), encoding="utf-8") as f:
            texts[name[:-2]] = f.read()
    own = owned_types(texts)
    for name in names:
        mod = name[:-2]
        if mod == "ghosttrack":
            continue  # the umbrella declares nothing of its own
        body = re.sub(r"\btypedef\b[^;]*;", " ", strip(texts[mod]))
        ok = ALLOWED.get(mod, ())
        prefixes = ["gt_%s_" % t for t in sorted(own.get(mod, ()))] + ["gt_%s_" % mod]
        for fn in sorted(set(re.findall(r"\b(gt_\w+)\s*\(", body))):
            if fn == "gt_" + mod or fn in ok or any(fn.startswith(p) for p in prefixes):
                continue
            print("check-prefixes: %s: %s does not start with gt_%s_" % (name, fn, mod))
            bad += 1
    if bad:
        print("check-prefixes: %d functions named unlike their header" % bad)
        return 1
    print("check-prefixes: ok (%d public headers)" % (len(names) - 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
