#!/usr/bin/env bash
# Makes TorchSharp's native library load on Debian 12 (libstdc++ of GCC 12), in the build output only.
#
# libLibTorchSharp.so (TorchSharp 0.107.0) was linked with GCC 13 and requires GLIBCXX_3.4.32 for a single
# symbol, std::ios_base_library_init(). Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the loader refuses
# the library and TorchSharp reports a misleading "doesn't contain a reference to libtorch-cpu-linux-x64".
# On the COPY in NATIVE_DIR (never the NuGet cache) this script:
#   1. builds libnotebooknet_torch_shim.so (ios_base_library_init.cpp) next to it;
#   2. flags the GLIBCXX_3.4.32 requirement weak (weaken_verneed.py), so its absence is not fatal;
#   3. unversions the symbol and adds the shim as a NEEDED library, which then provides it.
# Idempotent; exits 0 without change when the library needs no patch (newer libstdc++) or is already patched.
# Usage: patch.sh NATIVE_DIR   (the folder with libLibTorchSharp.so, e.g. bin/Release/net10.0/runtimes/linux-x64/native)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: patch.sh NATIVE_DIR}"
lib="$dir/libLibTorchSharp.so"
shim=libnotebooknet_torch_shim.so
symbol=_ZSt21ios_base_library_initv

[[ -f "$lib" ]] || { echo "patch.sh: $lib not found (build bench/NotebookNet.Bench first)" >&2; exit 1; }
if strings -a "$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/libstdc++.so.6)" 2>/dev/null | grep -qx GLIBCXX_3.4.32; then
  echo "patch.sh: this libstdc++ has GLIBCXX_3.4.32, nothing to patch"; exit 0
fi
if readelf -d "$lib" | grep -q "\[$shim\]"; then
  echo "patch.sh: $lib already patched"; exit 0
fi
for tool in g++ patchelf readelf; do
  command -v "$tool" >/dev/null || { echo "patch.sh: $tool missing (apt-get install g++ patchelf binutils)" >&2; exit 1; }
done
python=/usr/bin/python3; [[ -x "$python" ]] || python=python3

g++ -O2 -shared -fPIC -o "$dir/$shim" "$here/ios_base_library_init.cpp"
"$python" "$here/weaken_verneed.py" "$lib" GLIBCXX_3.4.32
patchelf --clear-symbol-version "$symbol" "$lib"
patchelf --add-needed "$shim" "$lib"
echo "patch.sh: patched $lib (shim $dir/$shim)"
