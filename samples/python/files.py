"""Writes, lists and reads back a few files: Python's start-up plus deterministic file I/O."""
import os
import sys

directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
for i in range(5):
    with open(os.path.join(directory, f"py-{i}.txt"), "w") as f:
        f.write("line\n" * i)
names = sorted(n for n in os.listdir(directory) if n.startswith("py-"))
total = sum(len(open(os.path.join(directory, n)).read()) for n in names)
print(len(names), total)
