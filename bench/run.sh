#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for the benchmarks and runs them. Not part of the tests nor of CI.
#
#   bench/run.sh                 # all: seed, cnn, gemm, reference with their defaults, then the targets table
#   bench/run.sh seed            # the tutorial's experiment: ours vs the tutorial's NumPy code
#   bench/run.sh cnn --limit 6400 --net small
#   bench/run.sh gemm
#   bench/run.sh --help          # every option
#
# Installs (apt-get, only what is missing): python3-numpy and python3-threadpoolctl for Debian's /usr/bin/python3
# (not a pyenv python on PATH) with every BLAS Debian packages for it (OpenBLAS pthread/OpenMP/serial, BLIS
# pthread/serial, ATLAS, the reference BLAS: `seed` takes the fastest), g++, patchelf and binutils for the
# TorchSharp shim. Builds the CLI (for `seed`'s whole-process line) and bench/NotebookNet.Bench in Release
# (restoring TorchSharp + libtorch, ~600 MB, on first use), patches the copy of libLibTorchSharp.so in its output
# (bench/torch-shim/README.md), then runs the chosen command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

packages=(python3-numpy python3-threadpoolctl
  libopenblas0-pthread libopenblas0-openmp libopenblas0-serial libblis4-pthread libblis4-serial libatlas3-base libblas3
  g++ patchelf binutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "run.sh: installing ${missing[*]}"
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "run.sh: dotnet (SDK 10) is required" >&2; exit 1; }

echo "run.sh: building src/NotebookNet.Cli (Release)"
log="$(mktemp)"
if ! dotnet build src/NotebookNet.Cli -c Release -nologo >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 1; fi
rm -f "$log"
project=bench/NotebookNet.Bench
out="$project/bin/Release/net10.0"
echo "run.sh: building $project (Release)"
log="$(mktemp)"
if ! dotnet build "$project" -c Release -nologo >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 1; fi
rm -f "$log"
bash bench/torch-shim/patch.sh "$out/runtimes/linux-x64/native"

[[ $# -gt 0 ]] || set -- all
exec dotnet "$out/notebooknet-bench.dll" "$@"
