"""APIs moto 5.2 lacks, emulated in the e2e launcher (scripts/e2e/moto-server.py) with small
in-memory stores, so that the resources using them deploy, re-plan empty and destroy.

Each module marks what it emulates with `Emulated "<id>"`; every id is listed under "emulated" in
scripts/e2e/emulator-gaps.json with what is faithful and what is not.
"""
from . import dlm, ec2_account_settings, ecr_creation_templates, ecr_replication, imagebuilder


def install() -> None:
    ecr_creation_templates.install()
    ecr_replication.install()
    ec2_account_settings.install()
    imagebuilder.install()
    dlm.install()
