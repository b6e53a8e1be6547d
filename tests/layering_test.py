#!/usr/bin/env python3
"""The layering rule of lib/, checked: a file includes only headers of its own
layer or of earlier ones (lib/LAYERS lists them in the order data flows), and
every file of lib/ has a layer.

usage: layering_test.py LIBDIR
"""
import os
import re
import sys


def main():
    lib = sys.argv[1]
    layer_of, names = {}, []
    with open(os.path.join(lib, "LAYERS"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, *files = line.split()
            names.append(name)
            for path in files:
                if path in layer_of:
                    sys.exit(f"LAYERS: {path} is listed twice")
                layer_of[path] = len(names) - 1
    errors = []
    for path in sorted(os.listdir(lib)):
        if not path.endswith((".c", ".h")):
            continue
        if path not in layer_of:
            errors.append(f"{path}: not in LAYERS; give it the layer of the stage it serves")
            continue
        with open(os.path.join(lib, path), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m or m.group(1) == "zhibiao.h":
                    continue
                inc = os.path.basename(m.group(1))
                if inc not in layer_of:
                    errors.append(f"{path}:{n}: includes {inc}, which LAYERS does not know")
                elif layer_of[inc] > layer_of[path]:
                    errors.append(f"{path}:{n}: layer '{names[layer_of[path]]}' includes "
                                  f"{inc} of the later layer '{names[layer_of[inc]]}'")
    for path in layer_of:
        if not os.path.exists(os.path.join(lib, path)):
            errors.append(f"LAYERS: {path} does not exist")
    if errors:
        sys.exit("\n".join(errors))
    print(f"layering: {len(layer_of)} files in {len(names)} layers, no include goes backwards")


if __name__ == "__main__":
    main()
