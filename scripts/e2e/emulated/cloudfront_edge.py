"""CloudFront calls moto 5.2 lacks, added to moto's CloudFront service (REST-XML, /2020-05-31/...).

Emulated "cloudfront-functions": Create/Describe/Get/Publish/Update/Delete/ListFunctions. A function
has a DEVELOPMENT stage (what Create and Update write) and, once published, a LIVE stage (a copy of
DEVELOPMENT at the time of PublishFunction); each stage has its own ETag, and Update, Publish and
Delete need the DEVELOPMENT ETag in If-Match (PreconditionFailed otherwise), as on AWS. The code is
stored, never compiled or run (a syntax error is not refused), and key value stores are not checked.

Emulated "cloudfront-response-headers-policies": Create/Get/GetConfig/Update/Delete/List
ResponseHeadersPolicies (custom policies, with If-Match ETags), stored as sent; AWS's managed
policies are not listed. Headers are never added to a response (moto serves no content).

Emulated "cloudfront-cache-policy-reads": GetCachePolicy, GetCachePolicyConfig and ListCachePolicies
for AWS's managed cache policies (CachingOptimized, CachingDisabled, CachingOptimizedForUncompressed
Objects), with AWS's ids, names and settings, so a distribution names them by id and the data source
finds them by name. Custom cache policies are not emulated (CreateCachePolicy answers 404).

Everything lives on moto's CloudFront backend of the account (CloudFront is global), so moto's reset
clears it with the distributions.
"""
import secrets
from datetime import datetime, timezone
from typing import Any

from moto.cloudfront import urls as cloudfront_urls
from moto.cloudfront.models import CloudFrontBackend
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

API = "2020-05-31"


class NoSuchFunctionExists(ServiceException):
    code = "NoSuchFunctionExists"


class FunctionAlreadyExists(ServiceException):
    code = "FunctionAlreadyExists"


class NoSuchResponseHeadersPolicy(ServiceException):
    code = "NoSuchResponseHeadersPolicy"


class ResponseHeadersPolicyAlreadyExists(ServiceException):
    code = "ResponseHeadersPolicyAlreadyExists"


class NoSuchCachePolicy(ServiceException):
    code = "NoSuchCachePolicy"


class PreconditionFailed(ServiceException):
    code = "PreconditionFailed"


class InvalidIfMatchVersion(ServiceException):
    code = "InvalidIfMatchVersion"


class InvalidArgument(ServiceException):
    code = "InvalidArgument"


def _etag() -> str:
    return "E" + secrets.token_hex(6).upper()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _parameters(gzip: bool, brotli: bool) -> dict[str, Any]:
    return {
        "EnableAcceptEncodingGzip": gzip,
        "EnableAcceptEncodingBrotli": brotli,
        "HeadersConfig": {"HeaderBehavior": "none"},
        "CookiesConfig": {"CookieBehavior": "none"},
        "QueryStringsConfig": {"QueryStringBehavior": "none"},
    }


# AWS's managed cache policies (ids and settings as AWS documents them).
MANAGED_CACHE_POLICIES: dict[str, dict[str, Any]] = {
    "658327ea-f89d-4fab-a63d-7e88639e58f6": {
        "Name": "Managed-CachingOptimized",
        "Comment": "Policy with caching enabled. Supports Gzip and Brotli compression.",
        "MinTTL": 1,
        "DefaultTTL": 86400,
        "MaxTTL": 31536000,
        "ParametersInCacheKeyAndForwardedToOrigin": _parameters(True, True),
    },
    "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": {
        "Name": "Managed-CachingDisabled",
        "Comment": "Policy with caching disabled",
        "MinTTL": 0,
        "DefaultTTL": 0,
        "MaxTTL": 0,
        "ParametersInCacheKeyAndForwardedToOrigin": _parameters(False, False),
    },
    "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": {
        "Name": "Managed-CachingOptimizedForUncompressedObjects",
        "Comment": "Default policy when compression is disabled",
        "MinTTL": 1,
        "DefaultTTL": 86400,
        "MaxTTL": 31536000,
        "ParametersInCacheKeyAndForwardedToOrigin": _parameters(False, False),
    },
}
# A fixed modification time and ETag: managed policies do not change between reads.
MANAGED_MODIFIED = datetime(2021, 6, 1, tzinfo=timezone.utc)


def _store(backend: CloudFrontBackend) -> dict[str, dict[str, Any]]:
    # Kept on moto's backend object, so moto's reset clears it.
    if not hasattr(backend, "edge_emulation"):
        backend.edge_emulation = {"functions": {}, "response_headers_policies": {}}
    return backend.edge_emulation


def _if_match(response: CloudFrontResponse, current: str) -> None:
    given = response._get_param("IfMatch")
    if not given:
        raise InvalidIfMatchVersion("The If-Match version is missing or not valid for the resource.")
    if given != current:
        raise PreconditionFailed("The If-Match version is missing or not valid for the resource.")


# Functions ----------------------------------------------------------------------------------------


def _function(response: CloudFrontResponse) -> dict[str, Any]:
    name = response._get_param("Name")
    function = _store(response.backend)["functions"].get(name)
    if function is None:
        raise NoSuchFunctionExists(f"The function {name} does not exist.")
    return function


def _stage(response: CloudFrontResponse, function: dict[str, Any]) -> dict[str, Any]:
    stage = response._get_param("Stage") or "DEVELOPMENT"
    if stage not in function["stages"]:
        raise NoSuchFunctionExists(f"The function {function['name']} has no {stage} stage.")
    return function["stages"][stage]


def _summary(function: dict[str, Any], stage: dict[str, Any]) -> dict[str, Any]:
    return {
        "Name": function["name"],
        "Status": stage["status"],
        "FunctionConfig": stage["config"],
        "FunctionMetadata": {"FunctionARN": function["arn"], "Stage": stage["stage"], "CreatedTime": function["created"], "LastModifiedTime": stage["modified"]},
    }


def _config(response: CloudFrontResponse) -> dict[str, Any]:
    config = dict(response._get_param("FunctionConfig") or {})
    if config.get("Runtime") not in ("cloudfront-js-1.0", "cloudfront-js-2.0"):
        raise InvalidArgument(f"Runtime must be cloudfront-js-1.0 or cloudfront-js-2.0, not {config.get('Runtime')}.")
    config.setdefault("Comment", "")
    associations = config.get("KeyValueStoreAssociations") or {}
    if associations.get("Items") and config["Runtime"] != "cloudfront-js-2.0":
        raise InvalidArgument("Key value store associations need the cloudfront-js-2.0 runtime.")
    return config


def _code(response: CloudFrontResponse) -> bytes:
    code = response._get_param("FunctionCode")
    code = code.encode() if isinstance(code, str) else bytes(code or b"")
    if not code:
        raise InvalidArgument("FunctionCode must not be empty.")
    return code


def create_function(self: CloudFrontResponse) -> ActionResult:
    functions = _store(self.backend)["functions"]
    name = self._get_param("Name")
    if name in functions:
        raise FunctionAlreadyExists(f"A function named {name} already exists.")
    now = _now()
    function = {
        "name": name,
        "arn": f"arn:{self.partition}:cloudfront::{self.current_account}:function/{name}",
        "created": now,
        "stages": {"DEVELOPMENT": {"stage": "DEVELOPMENT", "status": "UNPUBLISHED", "config": _config(self), "code": _code(self), "etag": _etag(), "modified": now}},
    }
    functions[name] = function
    stage = function["stages"]["DEVELOPMENT"]
    return ActionResult({"FunctionSummary": _summary(function, stage), "Location": f"https://cloudfront.amazonaws.com/{API}/function/{function['arn']}", "ETag": stage["etag"]})


def describe_function(self: CloudFrontResponse) -> ActionResult:
    function = _function(self)
    stage = _stage(self, function)
    return ActionResult({"FunctionSummary": _summary(function, stage), "ETag": stage["etag"]})


def get_function(self: CloudFrontResponse):
    function = _function(self)
    stage = _stage(self, function)
    # The code is the raw payload; answered directly rather than through the XML serializer.
    return 200, {"ETag": stage["etag"], "Content-Type": "application/octet-stream"}, stage["code"]


def list_functions(self: CloudFrontResponse) -> ActionResult:
    wanted = self._get_param("Stage")
    items = [_summary(f, s) for f in _store(self.backend)["functions"].values() for name, s in f["stages"].items() if not wanted or name == wanted]
    return ActionResult({"FunctionList": {"MaxItems": 100, "Quantity": len(items), "Items": items}})


def update_function(self: CloudFrontResponse) -> ActionResult:
    function = _function(self)
    development = function["stages"]["DEVELOPMENT"]
    _if_match(self, development["etag"])
    development.update({"config": _config(self), "code": _code(self), "etag": _etag(), "modified": _now()})
    development["status"] = "UNPUBLISHED"
    return ActionResult({"FunctionSummary": _summary(function, development), "ETag": development["etag"]})


def publish_function(self: CloudFrontResponse) -> ActionResult:
    function = _function(self)
    development = function["stages"]["DEVELOPMENT"]
    _if_match(self, development["etag"])
    now = _now()
    development.update({"status": "UNASSOCIATED", "modified": now})
    live = {**development, "stage": "LIVE", "etag": _etag()}
    function["stages"]["LIVE"] = live
    return ActionResult({"FunctionSummary": _summary(function, live)})


def delete_function(self: CloudFrontResponse) -> EmptyResult:
    function = _function(self)
    _if_match(self, function["stages"]["DEVELOPMENT"]["etag"])
    del _store(self.backend)["functions"][function["name"]]
    return EmptyResult()


# Response headers policies ------------------------------------------------------------------------


def _policy(response: CloudFrontResponse) -> dict[str, Any]:
    policy_id = response._get_param("Id")
    policy = _store(response.backend)["response_headers_policies"].get(policy_id)
    if policy is None:
        raise NoSuchResponseHeadersPolicy(f"The response headers policy {policy_id} does not exist.")
    return policy


def _policy_config(response: CloudFrontResponse, exclude: str | None = None) -> dict[str, Any]:
    config = response._get_param("ResponseHeadersPolicyConfig") or {}
    name = config.get("Name")
    if any(p["config"].get("Name") == name and p["id"] != exclude for p in _store(response.backend)["response_headers_policies"].values()):
        raise ResponseHeadersPolicyAlreadyExists(f"A response headers policy named {name} already exists.")
    security = config.get("SecurityHeadersConfig") or {}
    hsts = security.get("StrictTransportSecurity")
    if hsts and hsts.get("AccessControlMaxAgeSec") is None:
        raise InvalidArgument("StrictTransportSecurity needs AccessControlMaxAgeSec.")
    return config


def _policy_result(policy: dict[str, Any], **extra: Any) -> ActionResult:
    return ActionResult({"ResponseHeadersPolicy": {"Id": policy["id"], "LastModifiedTime": policy["modified"], "ResponseHeadersPolicyConfig": policy["config"]}, "ETag": policy["etag"], **extra})


def create_response_headers_policy(self: CloudFrontResponse) -> ActionResult:
    policy_id = secrets.token_hex(16)
    policy_id = f"{policy_id[:8]}-{policy_id[8:12]}-{policy_id[12:16]}-{policy_id[16:20]}-{policy_id[20:]}"
    policy = {"id": policy_id, "config": _policy_config(self), "etag": _etag(), "modified": _now()}
    _store(self.backend)["response_headers_policies"][policy_id] = policy
    return _policy_result(policy, Location=f"https://cloudfront.amazonaws.com/{API}/response-headers-policy/{policy_id}")


def get_response_headers_policy(self: CloudFrontResponse) -> ActionResult:
    return _policy_result(_policy(self))


def get_response_headers_policy_config(self: CloudFrontResponse) -> ActionResult:
    policy = _policy(self)
    return ActionResult({"ResponseHeadersPolicyConfig": policy["config"], "ETag": policy["etag"]})


def list_response_headers_policies(self: CloudFrontResponse) -> ActionResult:
    if self._get_param("Type") == "managed":
        items = []
    else:
        items = [{"Type": "custom", "ResponseHeadersPolicy": {"Id": p["id"], "LastModifiedTime": p["modified"], "ResponseHeadersPolicyConfig": p["config"]}} for p in _store(self.backend)["response_headers_policies"].values()]
    return ActionResult({"ResponseHeadersPolicyList": {"MaxItems": 100, "Quantity": len(items), "Items": items}})


def update_response_headers_policy(self: CloudFrontResponse) -> ActionResult:
    policy = _policy(self)
    _if_match(self, policy["etag"])
    policy.update({"config": _policy_config(self, exclude=policy["id"]), "etag": _etag(), "modified": _now()})
    return _policy_result(policy)


def delete_response_headers_policy(self: CloudFrontResponse) -> EmptyResult:
    policy = _policy(self)
    _if_match(self, policy["etag"])
    del _store(self.backend)["response_headers_policies"][policy["id"]]
    return EmptyResult()


# Cache policies (AWS's managed ones, read only) ------------------------------------------------------


def _cache_policy(response: CloudFrontResponse) -> tuple[str, dict[str, Any]]:
    policy_id = response._get_param("Id")
    if policy_id not in MANAGED_CACHE_POLICIES:
        raise NoSuchCachePolicy(f"The cache policy {policy_id} does not exist.")
    return policy_id, MANAGED_CACHE_POLICIES[policy_id]


def _managed_etag(policy_id: str) -> str:
    return "E" + policy_id.replace("-", "")[:12].upper()


def get_cache_policy(self: CloudFrontResponse) -> ActionResult:
    policy_id, config = _cache_policy(self)
    return ActionResult({"CachePolicy": {"Id": policy_id, "LastModifiedTime": MANAGED_MODIFIED, "CachePolicyConfig": config}, "ETag": _managed_etag(policy_id)})


def get_cache_policy_config(self: CloudFrontResponse) -> ActionResult:
    policy_id, config = _cache_policy(self)
    return ActionResult({"CachePolicyConfig": config, "ETag": _managed_etag(policy_id)})


def list_cache_policies(self: CloudFrontResponse) -> ActionResult:
    if self._get_param("Type") == "custom":
        items = []
    else:
        items = [{"Type": "managed", "CachePolicy": {"Id": i, "LastModifiedTime": MANAGED_MODIFIED, "CachePolicyConfig": c}} for i, c in MANAGED_CACHE_POLICIES.items()]
    return ActionResult({"CachePolicyList": {"MaxItems": 100, "Quantity": len(items), "Items": items}})


HANDLERS = (
    create_function,
    describe_function,
    get_function,
    list_functions,
    update_function,
    publish_function,
    delete_function,
    create_response_headers_policy,
    get_response_headers_policy,
    get_response_headers_policy_config,
    list_response_headers_policies,
    update_response_headers_policy,
    delete_response_headers_policy,
    get_cache_policy,
    get_cache_policy_config,
    list_cache_policies,
)

PATHS = (
    "function$",
    "function/(?P<Name>[^/]+)$",
    "function/(?P<Name>[^/]+)/describe$",
    "function/(?P<Name>[^/]+)/publish$",
    "response-headers-policy$",
    "response-headers-policy/(?P<Id>[^/]+)$",
    "response-headers-policy/(?P<Id>[^/]+)/config$",
    "cache-policy$",
    "cache-policy/(?P<Id>[^/]+)$",
    "cache-policy/(?P<Id>[^/]+)/config$",
)


def install() -> None:
    for handler in HANDLERS:
        setattr(CloudFrontResponse, handler.__name__, handler)
    # moto builds CloudFront's routes from this table when its server app is first created.
    for path in PATHS:
        cloudfront_urls.url_paths.setdefault(f"{{0}}/{API}/{path}", CloudFrontResponse.dispatch)
