# A model of MicroPython's network module for boards without a radio (the virtual board), put on the
# board's filesystem as network.py by NetworkStub. Scripted: MODE and POLLS are replaced when installed.
# Constants as on the ESP8266 port (ports/esp8266/modnetwork_globals.h, STATION_* of the SDK).
STA_IF = 0
AP_IF = 1
STAT_IDLE = 0
STAT_CONNECTING = 1
STAT_WRONG_PASSWORD = 2
STAT_NO_AP_FOUND = 3
STAT_CONNECT_FAIL = 4
STAT_GOT_IP = 5

MODE = 'connects'
POLLS = 3
AP_SSID = 'MicroPython-a1b2c3'

# What the SDK did, for the tests to read: calls in order, and the last connect's arguments.
calls = []
_s = {'active': False, 'ssid': None, 'key': None, 'polls': 0, 'up': False}


class WLAN:
    def __init__(self, interface=STA_IF):
        self._if = interface

    def active(self, *a):
        calls.append('active' + ('(%r)' % a[0] if a else '()'))
        if a:
            _s['active'] = bool(a[0])
        return _s['active']

    def connect(self, ssid=None, key=None):
        calls.append('connect')
        if not _s['active']:
            raise OSError('STA not active')
        _s['ssid'] = ssid
        _s['key'] = key
        _s['polls'] = 0
        _s['up'] = False

    def disconnect(self):
        calls.append('disconnect')
        _s['up'] = False

    def isconnected(self):
        # Connection comes after POLLS looks, not after a time: tests need no sleeps.
        if MODE == 'connects' and _s['ssid'] is not None and not _s['up']:
            _s['polls'] += 1
            _s['up'] = _s['polls'] > POLLS
        return _s['up']

    def status(self, *a):
        if _s['up']:
            return STAT_GOT_IP
        if _s['ssid'] is None:
            return STAT_IDLE
        return {'wrong_password': STAT_WRONG_PASSWORD, 'no_ap': STAT_NO_AP_FOUND,
                'connect_fail': STAT_CONNECT_FAIL}.get(MODE, STAT_CONNECTING)

    def ifconfig(self):
        if self._if == AP_IF:
            return ('192.168.4.1', '255.255.255.0', '192.168.4.1', '208.67.222.222')
        if _s['up']:
            return ('192.168.1.42', '255.255.255.0', '192.168.1.1', '192.168.1.1')
        return ('0.0.0.0', '0.0.0.0', '0.0.0.0', '0.0.0.0')

    def config(self, key):
        if key == 'mac':
            return b'\x24\x0a\xc4\xa1\xb2\xc3'
        if key in ('ssid', 'essid'):
            return AP_SSID
        raise ValueError('unknown config param')
