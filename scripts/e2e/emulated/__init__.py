"""APIs moto 5.2 lacks, emulated in the e2e launcher (scripts/e2e/moto-server.py) with small
in-memory stores, so that the resources using them deploy, re-plan empty and destroy.

One module per service; each has an `install()` and marks what it emulates with `Emulated "<id>"`,
and every id is listed under "emulated" in scripts/e2e/emulator-gaps.json with what is faithful and
what is not. `install()` here installs every module of the package (a new module needs no edit
here); `service.py` is the shared machinery that registers a new service with moto's dispatcher.
"""
import importlib
import pkgutil

_NOT_EMULATIONS = {"service", "launcher_server"}


def install() -> list[str]:
    installed = []
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module in _NOT_EMULATIONS or module.startswith("test_"):
            continue
        importlib.import_module(f"{__name__}.{module}").install()
        installed.append(module)
    return installed
