# Starts the installed .NET (C#) Jupyter kernel in a folder outside the repository, runs one cell, and prints JSON:
# the cell's text output and every TCP address the kernel process listens on (`ss -ltnp`). Used by JupyterKernelTests.
import json, subprocess, sys, tempfile, time
from jupyter_client.manager import KernelManager

folder = tempfile.mkdtemp(prefix="notebooknet-kernel-")
km = KernelManager(kernel_name=".net-csharp")
km.start_kernel(cwd=folder)
kc = km.client()
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)
    outputs = []
    kc.execute_interactive("System.Environment.CurrentDirectory", timeout=120,
                           output_hook=lambda m: outputs.append(m["content"].get("data", {}).get("text/plain", "")))
    time.sleep(2)  # the HTTP server starts alongside the kernel
    pid = km.provisioner.pid if hasattr(km.provisioner, "pid") else km.provisioner.process.pid
    listening = [line.split()[3] for line in subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout.splitlines()
                 if f"pid={pid}," in line]
    print(json.dumps({"folder": folder, "outputs": outputs, "listening": listening}))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
