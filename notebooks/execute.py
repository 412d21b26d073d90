"""Executes notebooks of one folder headless, in place, for notebooks/run (not meant to be called by hand).

  execute.py [--kernel-per-notebook] NOTEBOOK.ipynb...

By default the notebooks share ONE kernel (one JVM, one Spark session), started in their folder: a notebook's first
cell then gets the running session back from getOrCreate() and JShell replaces what an earlier notebook declared,
so each notebook still runs as it does alone. --kernel-per-notebook starts a fresh kernel for each notebook (what a
user gets in Jupyter). A kernel that does not answer at start-up is started again, at most twice more; a failing
cell is never retried, fails its notebook (named, with the cell's error) and the kernel is started afresh for the
notebooks after it. A notebook is written back only when every cell ran. Exit status: 0, or 1 if a notebook failed.
Environment: NEWS_TOPICS_NOTEBOOK_TIMEOUT (seconds per cell, 900), NEWS_TOPICS_KERNEL_STARTUP_TIMEOUT (150).
"""
import asyncio
import os
import sys
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

KERNEL = "news-topics-java"
STARTS = 3


def say(msg):
    print("notebooks/run: " + msg, file=sys.stderr, flush=True)


async def start_kernel(cwd, startup_timeout):
    """A started kernel that answered kernel_info, and its client; None after STARTS failed starts."""
    for attempt in range(1, STARTS + 1):
        km = AsyncKernelManager(kernel_name=KERNEL)
        try:
            await km.start_kernel(cwd=cwd)
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=startup_timeout)
            return km, kc
        except Exception as e:  # a kernel that died or never answered: start another
            say(f"the kernel did not start (attempt {attempt} of {STARTS}: {e})"
                + ("; starting it again" if attempt < STARTS else ""))
            await stop_kernel(km, None)
    return None


async def stop_kernel(km, kc):
    if kc is not None:
        kc.stop_channels()
    try:
        if km.has_kernel:
            await km.shutdown_kernel(now=True)
    except Exception as e:
        say(f"could not stop the kernel cleanly: {e}")


def renumber(nb):
    """Execution counts 1, 2, ... in each notebook, as in a kernel of its own (a shared kernel keeps counting)."""
    n = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            n += 1
            cell.execution_count = n
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out.execution_count = n


async def main(args):
    per_notebook = args[:1] == ["--kernel-per-notebook"]
    paths = args[1:] if per_notebook else args
    cwd = os.path.dirname(os.path.abspath(paths[0]))
    timeout = int(os.environ.get("NEWS_TOPICS_NOTEBOOK_TIMEOUT", "900"))
    startup_timeout = int(os.environ.get("NEWS_TOPICS_KERNEL_STARTUP_TIMEOUT", "150"))
    failed = []
    kernel = None
    for path in paths:
        start = time.monotonic()
        say(f"executing {path} ...")
        if kernel is None:
            kernel = await start_kernel(cwd, startup_timeout)
        if kernel is None:
            say(f"{path} FAILED: the kernel {KERNEL} did not start in {STARTS} attempts (see its errors above)")
            failed.append(path)
            continue
        km, kc = kernel
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, km=km, kernel_name=KERNEL, timeout=timeout, startup_timeout=startup_timeout,
                                resources={"metadata": {"path": cwd}})
        client.kc = kc  # the shared client: NotebookClient neither starts another nor stops this one
        try:
            await client.async_execute()
        except Exception as e:  # a failed cell (its source and error are in e), a dead or stuck kernel
            say(f"{path} FAILED ({time.monotonic() - start:.0f}s):\n{e}")
            failed.append(path)
            await stop_kernel(km, kc)  # the notebooks after it get a kernel in a known state
            kernel = None
            continue
        renumber(nb)
        nbformat.write(nb, path)
        say(f"{path} ok ({time.monotonic() - start:.0f}s)")
        if per_notebook:
            await stop_kernel(km, kc)
            kernel = None
    if kernel is not None:
        await stop_kernel(*kernel)
    if failed:
        say(f"{len(failed)} notebook(s) failed: {' '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1:] == ["--kernel-per-notebook"]:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(sys.argv[1:])))
