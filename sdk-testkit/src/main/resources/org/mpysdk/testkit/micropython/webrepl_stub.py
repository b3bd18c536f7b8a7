# A model of MicroPython's webrepl module for the virtual board: start() only counts its calls.
started = 0


def start(port=8266, password=None):
    global started
    started += 1


def stop():
    pass
