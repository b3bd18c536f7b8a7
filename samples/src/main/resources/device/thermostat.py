# A device script under test: a thermostat with hysteresis, written for a MicroPython board.
# On hardware, read() would come from a sensor (machine.ADC) and the relay would be a machine.Pin.

class Thermostat:
    def __init__(self, target, band=0.5):
        self.target = target
        self.band = band
        self.heating = False

    def update(self, temperature):
        if temperature < self.target - self.band:
            self.heating = True
        elif temperature > self.target + self.band:
            self.heating = False
        return self.heating


def save(t, path='/thermostat.cfg'):
    with open(path, 'w') as f:
        f.write('%s,%s' % (t.target, t.band))


def load(path='/thermostat.cfg'):
    with open(path) as f:
        target, band = f.read().split(',')
    return Thermostat(float(target), float(band))
