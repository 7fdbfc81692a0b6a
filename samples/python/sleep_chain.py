"""A Python call chain blocked in time.sleep, for the native stack unwinder: the interpreter's
own C frames hold still while tracekit and eu-stack unwind them. Creates the file named by the
first argument once the chain is entered."""
import sys
import time


def level3(ready):
    open(ready, "w").close()
    while True:
        time.sleep(1000)


def level2(ready):
    level3(ready)


def level1(ready):
    level2(ready)


level1(sys.argv[1])
