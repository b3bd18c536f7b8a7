# A RAM filesystem for MicroPython firmware without a block device (the 1.29 qemu peer): a class with
# MicroPython's VFS protocol, mounted with os.mount(RamFS(), '/'). Files live in a dict of bytearrays;
# everything is lost on a soft reset. Written for the mpysdk benchmark and tests (ours, not upstream).
import os


class RamFile:
    def __init__(self, data, text, pos):
        self._b = data
        self._t = text
        self._p = pos

    def read(self, n=-1):
        b = self._b
        p = self._p
        e = len(b) if n is None or n < 0 else min(len(b), p + n)
        r = bytes(b[p:e])
        self._p = e
        return str(r, 'utf-8') if self._t else r

    def readinto(self, buf, n=-1):
        b = self._b
        p = self._p
        k = len(buf) if n is None or n < 0 else min(n, len(buf))
        k = max(0, min(k, len(b) - p))
        memoryview(buf)[:k] = memoryview(b)[p:p + k]
        self._p = p + k
        return k

    def readline(self):
        b = self._b
        p = self._p
        i = b.find(b'\n', p)
        e = len(b) if i < 0 else i + 1
        r = bytes(b[p:e])
        self._p = e
        return str(r, 'utf-8') if self._t else r

    def __iter__(self):
        return self

    def __next__(self):
        r = self.readline()
        if not r:
            raise StopIteration
        return r

    def write(self, data):
        if isinstance(data, str):
            data = data.encode('utf-8')
        b = self._b
        p = self._p
        n = len(data)
        if p == len(b):
            b.extend(data)
        else:
            b[p:p + n] = data
        self._p = p + n
        return n

    def seek(self, off, whence=0):
        base = 0 if whence == 0 else self._p if whence == 1 else len(self._b)
        self._p = max(0, base + off)
        return self._p

    def tell(self):
        return self._p

    def flush(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


class RamFS:
    def __init__(self):
        self._f = {}
        self._d = {'': 1}
        self._c = ''

    def _n(self, path):
        if not path.startswith('/'):
            path = self._c + '/' + path
        out = []
        for s in path.split('/'):
            if s == '..':
                if out:
                    out.pop()
            elif s and s != '.':
                out.append(s)
        return '/' + '/'.join(out) if out else ''

    def _parent(self, k):
        if k[:k.rfind('/')] not in self._d:
            raise OSError(2)

    def mount(self, readonly, mkfs):
        pass

    def umount(self):
        pass

    def open(self, path, mode):
        k = self._n(path)
        if k in self._d:
            raise OSError(21)
        if 'r' in mode and '+' not in mode:
            if k not in self._f:
                raise OSError(2)
        else:
            self._parent(k)
            if 'w' in mode or k not in self._f:
                self._f[k] = bytearray()
        if k not in self._f:
            raise OSError(2)
        b = self._f[k]
        return RamFile(b, 'b' not in mode, len(b) if 'a' in mode else 0)

    def ilistdir(self, path):
        k = self._n(path)
        if k not in self._d:
            raise OSError(20 if k in self._f else 2)
        pre = k + '/'
        for n in self._d:
            if n.startswith(pre) and '/' not in n[len(pre):]:
                yield (n[len(pre):], 0x4000, 0, 0)
        for n in self._f:
            if n.startswith(pre) and '/' not in n[len(pre):]:
                yield (n[len(pre):], 0x8000, 0, len(self._f[n]))

    def stat(self, path):
        k = self._n(path)
        if k in self._d:
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if k in self._f:
            return (0x8000, 0, 0, 0, 0, 0, len(self._f[k]), 0, 0, 0)
        raise OSError(2)

    def remove(self, path):
        k = self._n(path)
        if k in self._d:
            raise OSError(21)
        if k not in self._f:
            raise OSError(2)
        del self._f[k]

    def rename(self, old, new):
        a = self._n(old)
        b = self._n(new)
        if a in self._f:
            if b in self._d:
                raise OSError(21)
            self._parent(b)
            self._f[b] = self._f.pop(a)
        elif a in self._d and a:
            if b in self._d or b in self._f:
                raise OSError(17)
            self._parent(b)
            pre = a + '/'
            for t in (self._d, self._f):
                for n in [n for n in t if n == a or n.startswith(pre)]:
                    t[b + n[len(a):]] = t.pop(n)
        else:
            raise OSError(2)

    def mkdir(self, path):
        k = self._n(path)
        if k in self._d or k in self._f:
            raise OSError(17)
        self._parent(k)
        self._d[k] = 1

    def rmdir(self, path):
        k = self._n(path)
        if k not in self._d:
            raise OSError(20 if k in self._f else 2)
        if not k:
            raise OSError(1)
        pre = k + '/'
        for t in (self._d, self._f):
            for n in t:
                if n.startswith(pre):
                    raise OSError(39)
        del self._d[k]

    def chdir(self, path):
        k = self._n(path)
        if k not in self._d:
            raise OSError(2)
        self._c = k

    def getcwd(self):
        return self._c or '/'

    def statvfs(self, path):
        import gc
        free = gc.mem_free() // 512
        return (512, 512, free + sum(len(b) for b in self._f.values()) // 512, free, free, 0, 0, 0, 0, 255)


os.mount(RamFS(), '/')
os.chdir('/')
