"""The fair-measurement protocol every peer script imports first, before numpy, torch or sklearn.

1. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed for this process only: some machines here set them for old
   OpenBLAS builds, and they force the Haswell kernels (half speed on AVX-512). OpenBLAS reads them when it is
   loaded, so the script re-executes itself without them (as `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ...`
   would). Tests and CI never change them.
2. Every results file opens with `protocol_lines()`: the CPU (family/model), the FMA peak our `bench peak` measures on
   it, the BLAS architecture threadpoolctl reports, and the load average, so a result is only read against others
   from the same CPU.
"""
import json
import os
import subprocess
import sys

OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_MARK = "MUSICCLUSTER_PEER_UNSET"

if any(v in os.environ for v in OVERRIDES):
    env = {k: v for k, v in os.environ.items() if k not in OVERRIDES}
    env[_MARK] = ",".join(f"{v}={os.environ[v]}" for v in OVERRIDES if v in os.environ)
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable] + sys.orig_argv[1:], env)


def cpu():
    """'model name, family F model M' of the first processor in /proc/cpuinfo."""
    fields = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        return "unknown CPU"
    return f"{fields.get('model name', '?')}, family {fields.get('cpu family', '?')} model {fields.get('model', '?')}"


def blas_architecture():
    """What threadpoolctl reports for each BLAS loaded in this process (load numpy or torch first)."""
    from threadpoolctl import threadpool_info
    libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    if not libs:
        return "no BLAS loaded"
    return "; ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('threading_layer')}, "
                     f"architecture {i.get('architecture')}, {i.get('num_threads')} threads)" for i in libs)


def fma_peak(dll):
    """Our measured float32 FMA peak on this machine: `musiccluster bench peak` as a dict."""
    out = subprocess.run(["dotnet", dll, "bench", "peak"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def protocol_lines(dll):
    """Markdown lines that say where and how a results file was measured."""
    peak = fma_peak(dll)
    unset = os.environ.get(_MARK)
    load = os.getloadavg()
    return [
        f"CPU: {cpu()}, {os.cpu_count()} logical cores; our FMA peak (`bench peak`, {peak['vector_bits']}-bit): "
        f"{peak['gflops_one_core']:.0f} GFLOP/s on one core, {peak['gflops_all_cores']:.0f} on all.",
        f"BLAS: {blas_architecture()}.",
        ("OpenBLAS overrides removed for the peer's process: " + unset + "." if unset
         else "No OpenBLAS overrides were set (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE): the BLAS chose its own kernels."),
        f"Load average {load[0]:.1f} when the protocol lines were taken (1 = one core busy).",
    ]


def write_text(path, text):
    """Writes a results file through a temporary name, so a run cut short never leaves half a file."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
