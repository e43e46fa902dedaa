#!/usr/bin/env python3
"""Marks one version requirement of an ELF shared object as weak (VER_FLG_WEAK), in place.

The dynamic loader refuses to load a library whose .gnu.version_r names a version that the providing library
lacks ("version `GLIBCXX_3.4.32' not found"), unless that requirement is flagged weak, in which case it only
matters for the symbols bound to it. Usage: weaken_verneed.py LIBRARY VERSION [VERSION...]
Prints what it changed; exits 1 if a named version is not required at all. Only 64-bit little-endian ELF.
"""
import struct
import sys

VER_FLG_WEAK = 0x2
SHT_GNU_VERNEED = 0x6FFFFFFE


def main(path, versions):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not a 64-bit little-endian ELF file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        verneed = [s for s in sections if s[1] == SHT_GNU_VERNEED]
        if not verneed:
            sys.exit(f"{path}: no .gnu.version_r section")
        _, _, _, _, offset, _, link, count, _, _ = verneed[0]
        strtab = sections[link][4]

        def name_at(o):
            end = data.index(0, strtab + o)
            return data[strtab + o:end].decode()

        wanted, changed = set(versions), []
        entry = offset
        for _ in range(count):
            _, cnt, file_name, aux, nxt = struct.unpack_from("<HHIII", data, entry)
            a = entry + aux
            for _ in range(cnt):
                _, flags, _, name, anext = struct.unpack_from("<IHHII", data, a)
                version = name_at(name)
                if version in wanted:
                    struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                    changed.append(f"{version} (from {name_at(file_name)})")
                    wanted.discard(version)
                a += anext
            entry += nxt
        f.seek(0)
        f.write(data)
    for c in changed:
        print(f"{path}: weakened {c}")
    if wanted:
        sys.exit(f"{path}: does not require {', '.join(sorted(wanted))}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
