"""Registers a service moto does not have with moto's server dispatcher.

moto's `DomainDispatcherApplication` picks a backend for each request from its host name; a request
to 127.0.0.1 has none, so it infers one from the SigV4 credential scope
(`Credential=AKID/20260101/us-east-1/imagebuilder/aws4_request` -> `imagebuilder.us-east-1.amazonaws.com`)
and matches that against `moto.backend_index.backend_url_patterns`. A service registered here adds
its pattern to that list, and `moto.backends.get_backend` answers with its `BackendDict`, whose
backends route every path to one `BaseResponse` subclass. moto's own machinery does the rest:
the action comes from the method and path (REST-JSON) through the botocore model, parameters are
parsed and results serialized from the same model, and `ServiceException`s become modelled errors.
"""
import re
from typing import Any, Callable

from boto3 import Session

import moto.backend_index as backend_index
import moto.backends as moto_backends
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import ServiceException
from moto.core.responses import BaseResponse

_registered: dict[str, BackendDict] = {}
_get_backend = moto_backends.get_backend


def _get_backend_or_emulated(name: str) -> Any:
    if name in _registered:
        return _registered[name]
    return _get_backend(name)


class EmulatedBackend(BaseBackend):
    """A region's in-memory store. Every path of the service goes to `response_class`."""

    response_class: type[BaseResponse]

    @property
    def url_paths(self) -> dict[str, Callable[..., Any]]:
        return {"/.+": self.response_class.dispatch}

    @property
    def flask_paths(self) -> dict[str, Callable[..., Any]]:
        return {"/<path:path>": self.response_class.dispatch}


class AccountStoreBackend(EmulatedBackend):
    """A backend whose store every Region of an account shares: services with one control-plane
    Region (Global Accelerator, ARC), reached through any Region's backend. Subclasses set
    `store_type` and their own `stores` (account id -> store)."""

    store_type: type
    stores: dict[str, Any]

    @property
    def store(self) -> Any:
        return self.stores.setdefault(self.account_id, self.store_type())

    def reset(self) -> None:
        self.stores.pop(self.account_id, None)
        super().reset()

    # JSON 1.1 services post to "/", which the shared "/.+" does not match.
    @property
    def url_paths(self) -> dict[str, Callable[..., Any]]:
        return {"/.*": self.response_class.dispatch}

    @property
    def flask_paths(self) -> dict[str, Callable[..., Any]]:
        return {"/": self.response_class.dispatch, "/<path:path>": self.response_class.dispatch}


class EmulatedResponse(BaseResponse):
    """Parameters are parsed from the botocore model (`self.params`), as moto's newer services do."""

    def __init__(self, service_name: str) -> None:
        super().__init__(service_name=service_name)
        self.automated_parameter_parsing = True


class ResourceNotFound(ServiceException):
    code = "ResourceNotFoundException"


class AlreadyExists(ServiceException):
    code = "ResourceAlreadyExistsException"


def backend_dict(backend: type[EmulatedBackend], service_name: str) -> BackendDict:
    """One backend per account and Region. botocore lists no Regions for some services
    (imagebuilder), so the Regions are EC2's, in every partition."""
    session = Session()
    regions = [r for partition in session.get_available_partitions() for r in session.get_available_regions("ec2", partition_name=partition)]
    return BackendDict(backend, service_name, use_boto3_regions=False, additional_regions=regions)


def register_service(signing_name: str, backend_dict: BackendDict) -> None:
    """Requests signed for `signing_name` (any Region) go to `backend_dict`."""
    if signing_name in _registered:
        return
    _registered[signing_name] = backend_dict
    pattern = re.compile(rf"https?://{re.escape(signing_name)}\.(.+)\.amazonaws\.com")
    # First, so that no broader pattern of another service claims the host.
    backend_index.backend_url_patterns.insert(0, (signing_name, pattern))
    moto_backends.get_backend = _get_backend_or_emulated
