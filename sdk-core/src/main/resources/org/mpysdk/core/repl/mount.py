# The board's side of a mounted host folder (see MountSession.java for the protocol). Sent once per
# mount; only the names __MC, __MF, __MV and __mnt are left in globals.
# Every request is checked (CRC-32) both ways and sent again, with the same sequence number, until its
# answer arrives intact: the host answers a repeat from its cache, so a write is never done twice. Reads
# name their offset, so a read sent again asking for less (after damage) is still the same read.
import os, io, struct, binascii, select, sys
class __MC:
    def __init__(s):
        # The webassembly port's sys.stdin does not read the host's input; its file descriptor 0 does.
        s.fi = open(0, 'rb') if sys.platform == 'webassembly' else sys.stdin.buffer
        s.fo = sys.stdout.buffer
        s.p = select.poll()
        s.p.register(s.fi, select.POLLIN)
        s.q = 0
        s.ch = CHUNK
        s.ok = 0
    def rd(s, n, t):
        b = bytearray(n)
        m = memoryview(b)
        r = 0
        while r < n:
            if not s.p.poll(t):
                return None
            r += s.fi.readinto(m[r:], n - r) or 0
        return b
    def drain(s, t):
        # One byte at a time: a stream's readinto waits until it has all it was asked for.
        b = bytearray(1)
        while s.p.poll(t):
            s.fi.readinto(b)
    def call(s, c, a=b''):
        # a: the arguments, or a function of the chunk size that makes them (a read asks for less when sent again)
        s.q = (s.q + 1) & 255
        s.drain(0)
        for i in range(ATTEMPTS):
            b = bytes((s.q, c)) + (a(s.ch) if callable(a) else a)
            s.fo.write(b'\x18' + binascii.b2a_base64(b + struct.pack('<I', binascii.crc32(b))))
            h = s.rd(8, WAIT)
            try:
                n = int(bytes(h[:4]), 16)
                if n ^ 0xA5A5 != int(bytes(h[4:]), 16):
                    n = 0
            except Exception:
                n = 0
            if 0 < n <= 8400:
                d = s.rd(n, 500)
                # Answers are binary with 0x03 (Ctrl-C) and the escape byte 0x1b escaped, undone at C speed.
                d = bytes(d).replace(b'\x1b\x02', b'\x03').replace(b'\x1b\x01', b'\x1b') if d else b''
                if len(d) > 8 and d[0] == s.q and struct.unpack('<I', d[-4:])[0] == binascii.crc32(d[:-4]):
                    s.ok += 1
                    if s.ok > 8 and s.ch < CHUNK:
                        s.ch *= 2
                        s.ok = 0
                    r = struct.unpack('<i', d[1:5])[0]
                    if r < 0:
                        raise OSError(-r)
                    return r, d[5:-4]
            s.ch = max(128, s.ch // 2)
            s.ok = 0
            s.drain(50)
        raise OSError(5)
    def path(s, p):
        b = bytes(p, 'utf8')
        return struct.pack('<H', len(b)) + b
class __MF(io.IOBase):
    def __init__(s, c, fd, t):
        s.c = c
        s.fd = fd
        s.t = t
        s.pos = 0
        # Read ahead for readinto: the import reader asks for 256 bytes at a time, a request costs a round trip.
        s.rb = b''
    def __enter__(s):
        return s
    def __exit__(s, *a):
        s.close()
    def __iter__(s):
        return s
    def __next__(s):
        l = s.readline()
        if not l:
            raise StopIteration
        return l
    def ioctl(s, req, arg):
        if req == 4:
            s.close()
        elif req == 11:
            return CHUNK
        elif req != 1:
            return -1
        return 0
    def flush(s):
        pass
    def close(s):
        if s.fd is not None:
            fd = s.fd
            s.fd = None
            s.c.call(4, struct.pack('<B', fd))
    def unbuf(s):
        s.pos -= len(s.rb)
        s.rb = b''
    def chunk(s, c, n):
        s.unbuf()
        d = s.c.call(c, lambda ch: struct.pack('<Bii', s.fd, s.pos, min(n, ch)))[1]
        s.pos += len(d)
        return d
    def read(s, n=-1):
        if s.fd is None:
            raise OSError(9)
        if n is None or n < 0:
            # The rest of the file in one buffer of its size: joining pieces needs twice the heap, in one block.
            s.unbuf()
            at = s.pos
            z = s.c.call(7, struct.pack('<BiiB', s.fd, at, 0, 2))[0]
            b = bytearray(max(0, z - at))
            k = s.readinto(b)
            return str(b[:k] if k < len(b) else b, 'utf8') if s.t else bytes(b[:k] if k < len(b) else b)
        else:
            p = []
            while n > 0:
                d = s.chunk(5, min(n, s.c.ch))
                if not d:
                    break
                p.append(d)
                n -= len(d)
            d = b''.join(p)
        return str(d, 'utf8') if s.t else d
    def readinto(s, b):
        # Fills b unless the file ends: MicroPython's import reader takes a short read for the end.
        m = memoryview(b)
        n = 0
        while n < len(b):
            if not s.rb:
                s.rb = s.chunk(5, max(len(b) - n, s.c.ch))
                if not s.rb:
                    break
            k = min(len(b) - n, len(s.rb))
            m[n:n + k] = s.rb[:k]
            s.rb = s.rb[k:]
            n += k
        return n
    def readline(s):
        if s.fd is None:
            raise OSError(9)
        p = []
        while True:
            d = s.chunk(12, s.c.ch)
            p.append(d)
            if not d or d[-1:] == b'\n':
                break
        d = b''.join(p)
        return str(d, 'utf8') if s.t else d
    def readlines(s):
        return [l for l in s]
    def write(s, b):
        if s.fd is None:
            raise OSError(9)
        if isinstance(b, str):
            b = bytes(b, 'utf8')
        s.unbuf()
        m = memoryview(b)
        i = 0
        while i < len(b):
            d = bytes(m[i:i + s.c.ch])
            s.c.call(6, struct.pack('<Bi', s.fd, s.pos) + d)
            s.pos += len(d)
            i += len(d)
        return len(b)
    def seek(s, n, w=0):
        s.unbuf()
        s.pos = s.c.call(7, struct.pack('<BiiB', s.fd, s.pos, n, w))[0]
        return s.pos
    def tell(s):
        return s.seek(0, 1)
class __MV:
    def __init__(s, c):
        s.c = c
        s.cwd = '/'
    def ab(s, p):
        return p if p.startswith('/') else s.cwd + p
    def mount(s, r, m):
        pass
    def umount(s):
        pass
    def chdir(s, p):
        p = s.ab(p)
        if not p.endswith('/'):
            p += '/'
        if p != '/' and not s.stat(p)[0] & 0x4000:
            raise OSError(20)
        s.cwd = p
    def getcwd(s):
        return s.cwd[:-1] if len(s.cwd) > 1 else s.cwd
    def stat(s, p):
        d = s.c.call(1, s.c.path(s.ab(p)))[1]
        m, z, t = struct.unpack('<III', d)
        return (m, 0, 0, 0, 0, 0, z, t, t, t)
    def statvfs(s, p):
        return (4096, 4096, 0, 0, 0, 0, 0, 0, 0, 255)
    def ilistdir(s, p):
        p = s.ab(p)
        i = 0
        while True:
            r, d = s.c.call(2, s.c.path(p) + struct.pack('<H', i))
            j = 0
            while j < len(d):
                t, n = d[j], d[j + 1]
                yield (str(d[j + 2:j + 2 + n], 'utf8'), t << 12, 0)
                j += 2 + n
                i += 1
            if not r:
                return
    def open(s, p, m):
        fd = s.c.call(3, s.c.path(s.ab(p)) + s.c.path(m))[0]
        return __MF(s.c, fd, 'b' not in m)
    def remove(s, p):
        s.c.call(8, s.c.path(s.ab(p)))
    def rename(s, a, b):
        s.c.call(9, s.c.path(s.ab(a)) + s.c.path(s.ab(b)))
    def mkdir(s, p):
        s.c.call(10, s.c.path(s.ab(p)))
    def rmdir(s, p):
        s.c.call(11, s.c.path(s.ab(p)))
def __mnt(at):
    v = __MV(__MC())
    v.stat('/')
    try:
        os.umount(at)
    except OSError:
        pass
    os.mount(v, at)
    os.chdir(at)
