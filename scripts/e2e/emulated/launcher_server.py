"""The moto server the API-level tests run against: a threaded server on a free 127.0.0.1 port,
with either the whole launcher (moto-server.py: its patches and every emulation) or only the
emulated APIs installed. Not a test module itself (no test_ prefix)."""
import importlib.util
import logging
import os
import socket

from moto.server import ThreadedMotoServer

from . import install as install_emulated


def start(launcher: bool = True) -> tuple[ThreadedMotoServer, str]:
    """Starts the server; returns it (stop it in tearDownModule) and its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    if launcher:
        path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "moto-server.py")
        spec = importlib.util.spec_from_file_location("moto_launcher", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    else:
        install_emulated()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"
