#!/usr/bin/env bash
# Installs the notebook clients the tests drive (tests/NotebookNet.Notebooks.Tests/Clients/): Debian's Jupyter
# (notebook 6.4, nbconvert 6.5, nbclient 0.7), the pinned .NET tools (.config/dotnet-tools.json: dotnet-interactive,
# dotnet-repl), the .NET (C#) Jupyter kernel, and playwright-core (npm, pinned by its package-lock.json), which
# drives Debian's Chromium (scripts/setup-browser.sh) through Jupyter's live UI in JupyterLiveTests. Idempotent. Needs root or sudo for apt-get (CI runs as root).
#
# The kernel is installed with `dotnet interactive jupyter install`, then its kernel.json is rewritten so that it
#  - starts the pinned tool's dll by absolute path: `dotnet interactive` only resolves inside this repository (the
#    local tool manifest), so a notebook opened from any other folder would fail to start its kernel;
#  - passes --http-local-only: the kernel's HTTP server then listens on loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbconvert python3-nbclient)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

dotnet tool restore >/dev/null

packages_dir=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: *//')
version=$(python3 -c 'import json; print(json.load(open(".config/dotnet-tools.json"))["tools"]["microsoft.dotnet-interactive"]["version"])')
app=$(ls "${packages_dir%/}"/microsoft.dotnet-interactive/"$version"/tools/net*/any/Microsoft.DotNet.Interactive.App.dll | head -n 1)
[ -f "$app" ] || { echo "setup-jupyter: Microsoft.DotNet.Interactive.App.dll of dotnet-interactive $version not found under $packages_dir"; exit 1; }

kernels="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
mkdir -p "$kernels"  # the tool refuses to install when the folder does not exist yet
dotnet interactive jupyter install --path "$kernels" >/dev/null
spec="$kernels/.net-csharp/kernel.json"
[ -f "$spec" ] || { echo "setup-jupyter: the kernel install wrote no $spec"; exit 1; }
python3 - "$spec" "$app" <<'EOF'
import json, sys
path, app = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
spec["argv"] = ["dotnet", app, "jupyter", "--default-kernel", "csharp", "{connection_file}",
                "--http-local-only", "--http-port-range", "2048-3000"]
json.dump(spec, open(path, "w"), indent=2)
EOF
ui=tests/NotebookNet.Notebooks.Tests/Clients/JupyterUi
if [ ! -f "$ui/node_modules/.package-lock.json" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$ui" --no-audit --no-fund --ignore-scripts --loglevel=error
fi

echo "setup-jupyter: $(jupyter nbconvert --version | tail -n 1 | sed 's/^/nbconvert /'), kernel .net-csharp -> $app"
