#!/usr/bin/env bash
# The README's main command: builds (Release), runs the tutorial's experiment on the shipped MNIST data,
# then executes every notebook headless and exports them to HTML under artifacts/notebooks/.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build NotebookNet.sln -c Release -nologo -v q
cli=src/NotebookNet.Cli/bin/Release/net10.0/NotebookNet.Cli.dll
echo "== The tutorial's experiment (notebooknet seed) =="
dotnet "$cli" seed "$@"
echo
echo "== The notebooks (notebooknet notebooks) =="
dotnet "$cli" notebooks
