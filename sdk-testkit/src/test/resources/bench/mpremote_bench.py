#!/usr/bin/python3
"""The mpremote half of MicroPython129Benchmark: times mpremote's own SerialTransport, in-process, on
the MicroPython 1.29 qemu peer: the exec round trip (a tiny exec, many times, in one raw REPL session)
and fs_writefile / fs_readfile (what `mpremote cp` calls) of the files given. Prints one JSON object
per line. mpremote is not part of this repository: it is found in $MPREMOTE_DIR, else in
$MPYSDK_PEERS/micropython/tools/mpremote (default ~/.cache/mpysdk-peers), the tree that
../shared/peers/build-micropython builds from. Run it with a python3 that has pyserial (Debian's
/usr/bin/python3 with python3-serial and python3-platformdirs).

usage: mpremote_bench.py PORT EXECS REPS NAME=FILE...
"""
import json
import os
import sys
import time


def mpremote_dir():
    d = os.environ.get("MPREMOTE_DIR")
    if not d:
        root = os.environ.get("MPYSDK_PEERS", os.path.expanduser("~/.cache/mpysdk-peers"))
        d = os.path.join(root, "micropython", "tools", "mpremote")
    if not os.path.isfile(os.path.join(d, "mpremote", "transport_serial.py")):
        sys.stderr.write("mpremote not found in %s: fetch micropython/micropython and run "
                         "../shared/peers/build-micropython, or set MPREMOTE_DIR to its tools/mpremote\n" % d)
        sys.exit(2)
    return d


def count_wire(t):
    """Counts the bytes mpremote's transport writes and reads: returns {"tx": n, "rx": n}, kept up to date."""
    wire = {"tx": 0, "rx": 0}
    write, read = t.serial.write, t.serial.read

    def counted_write(b):
        wire["tx"] += len(b)
        return write(b)

    def counted_read(n=1):
        b = read(n)
        wire["rx"] += len(b)
        return b

    t.serial.write, t.serial.read = counted_write, counted_read
    return wire


def main():
    port, execs, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    files = [a.split("=", 1) for a in sys.argv[4:]]
    sys.path.insert(0, mpremote_dir())
    from mpremote.transport_serial import SerialTransport

    t = SerialTransport(port)
    wire = count_wire(t)

    def emit(**kv):
        print(json.dumps(kv), flush=True)

    # A fresh heap, then the RAM filesystem (the peer has none).
    t.enter_raw_repl(soft_reset=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ramfs.py")) as f:
        t.exec(f.read())
    emit(op="info", mem_free=int(t.eval("__import__('gc').mem_free()")), use_raw_paste=t.use_raw_paste)

    t.exec("pass")  # warm up
    for r in range(reps):
        tx, rx = wire["tx"], wire["rx"]
        t0 = time.perf_counter()
        for _ in range(execs):
            t.exec("pass")
        dt = time.perf_counter() - t0
        emit(op="exec", rep=r, n=execs, seconds=dt, tx=wire["tx"] - tx, rx=wire["rx"] - rx)

    for name, path in files:
        with open(path, "rb") as f:
            data = f.read()
        remote = "/bench_" + name
        for r in range(reps):
            tx, rx = wire["tx"], wire["rx"]
            t0 = time.perf_counter()
            t.fs_writefile(remote, data)
            dt = time.perf_counter() - t0
            emit(op="put", file=name, rep=r, bytes=len(data), seconds=dt, tx=wire["tx"] - tx, rx=wire["rx"] - rx)
            tx, rx = wire["tx"], wire["rx"]
            t0 = time.perf_counter()
            back = t.fs_readfile(remote)
            dt = time.perf_counter() - t0
            emit(op="get", file=name, rep=r, bytes=len(data), seconds=dt, tx=wire["tx"] - tx, rx=wire["rx"] - rx,
                 ok=bytes(back) == data)
        t.fs_rmfile(remote)
    t.exit_raw_repl()
    t.close()


if __name__ == "__main__":
    main()
