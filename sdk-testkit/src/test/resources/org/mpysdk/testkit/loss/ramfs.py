# A RAM filesystem in Python for MicroPython builds without one (the 1.29 qemu port): mounted at /,
# flat files and folders in dicts, enough of the VFS protocol for open/stat/listdir/rename/remove.
import os, vfs
class __LLFile:
    def __init__(s, b, w, t):
        s.b = b; s.w = w; s.t = t; s.p = 0
    def read(s, n=-1):
        if n is None or n < 0:
            n = len(s.b) - s.p
        r = bytes(s.b[s.p:s.p + n]); s.p += len(r)
        return str(r, 'utf-8') if s.t else r
    def readinto(s, buf):
        r = s.b[s.p:s.p + len(buf)]; buf[:len(r)] = r; s.p += len(r)
        return len(r)
    def write(s, d):
        if isinstance(d, str):
            d = d.encode()
        s.b.extend(d)
        return len(d)
    def flush(s):
        pass
    def close(s):
        pass
    def __enter__(s):
        return s
    def __exit__(s, *a):
        pass
class __LLFs:
    def __init__(s):
        s.f = {}; s.d = {''}
    def mount(s, ro, mk):
        pass
    def umount(s):
        pass
    def _p(s, p):
        return '/'.join(x for x in p.split('/') if x)
    def ilistdir(s, p):
        p = s._p(p); pre = p + '/' if p else ''
        out = []
        for k in s.d:
            if k and k.startswith(pre) and '/' not in k[len(pre):]:
                out.append((k[len(pre):], 0x4000, 0, 0))
        for k in s.f:
            if k.startswith(pre) and '/' not in k[len(pre):]:
                out.append((k[len(pre):], 0x8000, 0, len(s.f[k])))
        return iter(out)
    def chdir(s, p):
        pass
    def getcwd(s):
        return '/'
    def mkdir(s, p):
        p = s._p(p)
        if p in s.d or p in s.f:
            raise OSError(17)
        s.d.add(p)
    def rmdir(s, p):
        p = s._p(p)
        if p not in s.d:
            raise OSError(2)
        s.d.remove(p)
    def remove(s, p):
        p = s._p(p)
        if p not in s.f:
            raise OSError(2)
        del s.f[p]
    def rename(s, a, b):
        a = s._p(a); b = s._p(b)
        if a not in s.f:
            raise OSError(2)
        s.f[b] = s.f.pop(a)
    def stat(s, p):
        p = s._p(p)
        if p in s.d:
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if p in s.f:
            return (0x8000, 0, 0, 0, 0, 0, len(s.f[p]), 0, 0, 0)
        raise OSError(2)
    def statvfs(s, p):
        return (512, 512, 256, 200, 200, 0, 0, 0, 0, 255)
    def open(s, p, m):
        p = s._p(p)
        if 'w' in m or 'a' in m:
            if 'w' in m or p not in s.f:
                s.f[p] = bytearray()
            return __LLFile(s.f[p], True, 'b' not in m)
        if p not in s.f:
            raise OSError(2)
        return __LLFile(bytes(s.f[p]), False, 'b' not in m)
try:
    vfs.umount('/')
except OSError:
    pass
vfs.mount(__LLFs(), '/')
os.chdir('/')
print('ramfs', os.listdir('/'))
