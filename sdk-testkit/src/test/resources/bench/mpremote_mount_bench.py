#!/usr/bin/python3
"""The mpremote half of MountBenchmark: mpremote's own SerialTransport.mount_local (what `mpremote mount`
calls), in-process, on the MicroPython 1.29 qemu peer: the time to mount, then to import a module and
to read a binary file from the mounted folder, REPS times each. Prints one JSON object per line. mpremote
is found as by mpremote_bench.py.

usage: mpremote_mount_bench.py PORT DIR REPS
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mpremote_bench import count_wire, mpremote_dir  # noqa: E402


def main():
    port, folder, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, mpremote_dir())
    from mpremote.transport_serial import SerialTransport

    t = SerialTransport(port)
    wire = count_wire(t)

    def timed(op, fn):
        tx, rx, t0 = wire["tx"], wire["rx"], time.perf_counter()
        out = fn()
        print(json.dumps({"op": op, "seconds": time.perf_counter() - t0, "tx": wire["tx"] - tx,
                          "rx": wire["rx"] - rx, "out": out.decode().strip() if out else ""}), flush=True)

    t.enter_raw_repl(soft_reset=True)
    timed("mount", lambda: t.mount_local(folder))
    for _ in range(reps):
        timed("import", lambda: t.exec("import sys\nsys.modules.pop('big', None)\nimport big\nprint(big.TOTAL)"))
        timed("read", lambda: t.exec("print(len(open('blob.bin', 'rb').read()))"))
    t.umount_local()
    t.close()


if __name__ == "__main__":
    main()
