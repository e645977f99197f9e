"""Emulated "globalaccelerator-standard": AWS Global Accelerator, standard accelerators (moto has no
backend, not even upstream).

A JSON 1.1 service (X-Amz-Target GlobalAccelerator_V20180706.*, signing name globalaccelerator).
AWS serves its control plane from us-west-2 only; the store is per account and keyed by ARN, so
every Region's client sees the same accelerators, as they would through us-west-2. Accelerators
(with their flow-log attributes and tags), listeners and endpoint groups read back as written plus
what AWS computes: ARNs in AWS's format, two static IPv4 addresses (four with DUAL_STACK), DNS
names, status, and the defaults AWS fills in. Every change puts the accelerator IN_PROGRESS; the
next DescribeAccelerator answers IN_PROGRESS once more, then DEPLOYED, so the provider's waiter
sees the transition. No traffic is ever routed and no health check runs.
"""
import secrets
import uuid
from datetime import datetime, timezone
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

from .service import AccountStoreBackend, EmulatedResponse, backend_dict, register_service


class AcceleratorNotFound(ServiceException):
    code = "AcceleratorNotFoundException"


class ListenerNotFound(ServiceException):
    code = "ListenerNotFoundException"


class EndpointGroupNotFound(ServiceException):
    code = "EndpointGroupNotFoundException"


class AcceleratorNotDisabled(ServiceException):
    code = "AcceleratorNotDisabledException"


class AssociatedListenerFound(ServiceException):
    code = "AssociatedListenerFoundException"


class AssociatedEndpointGroupFound(ServiceException):
    code = "AssociatedEndpointGroupFoundException"


class EndpointGroupAlreadyExists(ServiceException):
    code = "EndpointGroupAlreadyExistsException"


class InvalidArgument(ServiceException):
    code = "InvalidArgumentException"


class InvalidPortRange(ServiceException):
    code = "InvalidPortRangeException"


# AWS's hosted zone for every accelerator's DNS name (the provider sets it itself, listed for tests).
HOSTED_ZONE_ID = "Z2BJ6XQ5FK7U4H"
# Global Accelerator's control plane Region; the per-Region backends share one store per account.
CONTROL_PLANE_REGION = "us-west-2"
_stores: dict[str, "Store"] = {}


class Store:
    def __init__(self) -> None:
        self.accelerators: dict[str, dict[str, Any]] = {}
        self.attributes: dict[str, dict[str, Any]] = {}
        self.tags: dict[str, dict[str, str]] = {}
        self.listeners: dict[str, dict[str, Any]] = {}
        self.endpoint_groups: dict[str, dict[str, Any]] = {}
        # ARN -> DescribeAccelerator calls still answering IN_PROGRESS.
        self.pending: dict[str, int] = {}


class GlobalAcceleratorBackend(AccountStoreBackend):
    store_type = Store
    stores = _stores

    def accelerator(self, arn: str) -> dict[str, Any]:
        if arn not in self.store.accelerators:
            raise AcceleratorNotFound(f"Accelerator {arn} not found.")
        return self.store.accelerators[arn]

    def listener(self, arn: str) -> dict[str, Any]:
        if arn not in self.store.listeners:
            raise ListenerNotFound(f"Listener {arn} not found.")
        return self.store.listeners[arn]

    def endpoint_group(self, arn: str) -> dict[str, Any]:
        if arn not in self.store.endpoint_groups:
            raise EndpointGroupNotFound(f"Endpoint group {arn} not found.")
        return self.store.endpoint_groups[arn]

    def changed(self, accelerator_arn: str) -> None:
        """A change deploys in the background on AWS: IN_PROGRESS, then DEPLOYED."""
        accelerator = self.store.accelerators.get(accelerator_arn)
        if accelerator is not None:
            accelerator["Status"] = "IN_PROGRESS"
            accelerator["LastModifiedTime"] = datetime.now(timezone.utc)
            self.store.pending[accelerator_arn] = 1


globalaccelerator_backends = backend_dict(GlobalAcceleratorBackend, "globalaccelerator")


def _accelerator_of(arn: str) -> str:
    # arn:aws:globalaccelerator::<account>:accelerator/<id>[/listener/<id>[/endpoint-group/<id>]]
    return "/".join(arn.split("/")[:2])


def _random_ip() -> str:
    # 75.2.0.0/16 and 99.83.0.0/16 are the ranges AWS gives static accelerator addresses from.
    first = secrets.choice(["75.2", "99.83"])
    return f"{first}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"


def _port_ranges(ranges: list[dict[str, int]]) -> list[dict[str, int]]:
    for r in ranges:
        if not 1 <= r["FromPort"] <= r["ToPort"] <= 65535:
            raise InvalidPortRange(f"Invalid port range {r['FromPort']}-{r['ToPort']}.")
    return ranges


def _endpoint_descriptions(configurations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    descriptions = []
    for c in configurations:
        endpoint_id = c.get("EndpointId") or ""
        description: dict[str, Any] = {
            "EndpointId": endpoint_id,
            "Weight": c["Weight"] if c.get("Weight") is not None else 128,
            "HealthState": "HEALTHY",
            # AWS preserves client IPs by default for ALB and EC2 endpoints, not for NLB and EIP.
            "ClientIPPreservationEnabled": c["ClientIPPreservationEnabled"]
            if c.get("ClientIPPreservationEnabled") is not None
            else (":loadbalancer/app/" in endpoint_id or endpoint_id.startswith("i-")),
        }
        if c.get("AttachmentArn"):
            description["AttachmentArn"] = c["AttachmentArn"]
        descriptions.append(description)
    return descriptions


class GlobalAcceleratorResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("globalaccelerator")

    @property
    def backend(self) -> GlobalAcceleratorBackend:
        return globalaccelerator_backends[self.current_account][self.region]

    # Accelerators ---------------------------------------------------------------------------------

    def create_accelerator(self) -> ActionResult:
        p = self.params
        store = self.backend.store
        arn = f"arn:{self.backend.partition}:globalaccelerator::{self.current_account}:accelerator/{uuid.uuid4()}"
        address_type = p.get("IpAddressType") or "IPV4"
        if p.get("IpAddresses") and len(p["IpAddresses"]) > 2:
            raise InvalidArgument("You can specify at most two BYOIP addresses.")
        ipv4 = (list(p.get("IpAddresses") or []) + [_random_ip(), _random_ip()])[:2]
        ip_sets = [{"IpFamily": "IPv4", "IpAddresses": ipv4, "IpAddressFamily": "IPv4"}]
        if address_type == "DUAL_STACK":
            ip_sets.append({"IpFamily": "IPv6", "IpAddresses": [f"2600:9000:a{secrets.randbelow(999):03d}::1", f"2600:9000:a{secrets.randbelow(999):03d}::2"], "IpAddressFamily": "IPv6"})
        now = datetime.now(timezone.utc)
        host = f"a{secrets.token_hex(8)}.awsglobalaccelerator.com"
        accelerator = {
            "AcceleratorArn": arn,
            "Name": p["Name"],
            "IpAddressType": address_type,
            "Enabled": p.get("Enabled", True) is not False,
            "IpSets": ip_sets,
            "DnsName": host,
            "Status": "IN_PROGRESS",
            "CreatedTime": now,
            "LastModifiedTime": now,
            "Events": [],
        }
        if address_type == "DUAL_STACK":
            accelerator["DualStackDnsName"] = f"{host.split('.')[0]}.dualstack.awsglobalaccelerator.com"
        store.accelerators[arn] = accelerator
        store.attributes[arn] = {"FlowLogsEnabled": False}
        store.tags[arn] = {t["Key"]: t["Value"] for t in p.get("Tags") or []}
        store.pending[arn] = 1
        return ActionResult({"Accelerator": accelerator})

    def describe_accelerator(self) -> ActionResult:
        arn = self.params["AcceleratorArn"]
        accelerator = self.backend.accelerator(arn)
        store = self.backend.store
        if store.pending.get(arn, 0) > 0:
            store.pending[arn] -= 1
        elif accelerator["Status"] == "IN_PROGRESS":
            accelerator["Status"] = "DEPLOYED"
        return ActionResult({"Accelerator": accelerator})

    def list_accelerators(self) -> ActionResult:
        return ActionResult({"Accelerators": list(self.backend.store.accelerators.values())})

    def update_accelerator(self) -> ActionResult:
        p = self.params
        accelerator = self.backend.accelerator(p["AcceleratorArn"])
        for key in ("Name", "IpAddressType", "Enabled"):
            if p.get(key) is not None:
                accelerator[key] = p[key]
        self.backend.changed(p["AcceleratorArn"])
        return ActionResult({"Accelerator": accelerator})

    def delete_accelerator(self) -> ActionResult:
        arn = self.params["AcceleratorArn"]
        accelerator = self.backend.accelerator(arn)
        store = self.backend.store
        if accelerator["Enabled"]:
            raise AcceleratorNotDisabled("The accelerator must be disabled before it can be deleted.")
        if any(listener_arn.startswith(arn + "/") for listener_arn in store.listeners):
            raise AssociatedListenerFound("The accelerator has listeners; delete them first.")
        for registry in (store.accelerators, store.attributes, store.tags, store.pending):
            registry.pop(arn, None)
        return EmptyResult()

    def describe_accelerator_attributes(self) -> ActionResult:
        arn = self.params["AcceleratorArn"]
        self.backend.accelerator(arn)
        return ActionResult({"AcceleratorAttributes": self.backend.store.attributes[arn]})

    def update_accelerator_attributes(self) -> ActionResult:
        p = self.params
        arn = p["AcceleratorArn"]
        self.backend.accelerator(arn)
        attributes = self.backend.store.attributes[arn]
        enabled = p["FlowLogsEnabled"] if p.get("FlowLogsEnabled") is not None else attributes["FlowLogsEnabled"]
        bucket = p.get("FlowLogsS3Bucket") or attributes.get("FlowLogsS3Bucket")
        if enabled and not bucket:
            raise InvalidArgument("FlowLogsS3Bucket is required when flow logs are enabled.")
        attributes["FlowLogsEnabled"] = enabled
        for key in ("FlowLogsS3Bucket", "FlowLogsS3Prefix"):
            if p.get(key) is not None:
                attributes[key] = p[key]
        self.backend.changed(arn)
        return ActionResult({"AcceleratorAttributes": attributes})

    # Listeners ------------------------------------------------------------------------------------

    def create_listener(self) -> ActionResult:
        p = self.params
        accelerator_arn = p["AcceleratorArn"]
        self.backend.accelerator(accelerator_arn)
        arn = f"{accelerator_arn}/listener/{secrets.token_hex(4)}"
        listener = {
            "ListenerArn": arn,
            "PortRanges": _port_ranges(p["PortRanges"]),
            "Protocol": p["Protocol"],
            "ClientAffinity": p.get("ClientAffinity") or "NONE",
        }
        self.backend.store.listeners[arn] = listener
        self.backend.changed(accelerator_arn)
        return ActionResult({"Listener": listener})

    def describe_listener(self) -> ActionResult:
        return ActionResult({"Listener": self.backend.listener(self.params["ListenerArn"])})

    def list_listeners(self) -> ActionResult:
        prefix = self.params["AcceleratorArn"] + "/"
        return ActionResult({"Listeners": [listener for arn, listener in self.backend.store.listeners.items() if arn.startswith(prefix)]})

    def update_listener(self) -> ActionResult:
        p = self.params
        listener = self.backend.listener(p["ListenerArn"])
        if p.get("PortRanges") is not None:
            listener["PortRanges"] = _port_ranges(p["PortRanges"])
        for key in ("Protocol", "ClientAffinity"):
            if p.get(key) is not None:
                listener[key] = p[key]
        self.backend.changed(_accelerator_of(p["ListenerArn"]))
        return ActionResult({"Listener": listener})

    def delete_listener(self) -> ActionResult:
        arn = self.params["ListenerArn"]
        self.backend.listener(arn)
        store = self.backend.store
        if any(group_arn.startswith(arn + "/") for group_arn in store.endpoint_groups):
            raise AssociatedEndpointGroupFound("The listener has endpoint groups; delete them first.")
        del store.listeners[arn]
        self.backend.changed(_accelerator_of(arn))
        return EmptyResult()

    # Endpoint groups ------------------------------------------------------------------------------

    def create_endpoint_group(self) -> ActionResult:
        p = self.params
        listener_arn = p["ListenerArn"]
        listener = self.backend.listener(listener_arn)
        store = self.backend.store
        region = p["EndpointGroupRegion"]
        if any(g["EndpointGroupRegion"] == region and arn.startswith(listener_arn + "/") for arn, g in store.endpoint_groups.items()):
            raise EndpointGroupAlreadyExists(f"The listener already has an endpoint group in {region}.")
        arn = f"{listener_arn}/endpoint-group/{secrets.token_hex(6)}"
        protocol = p.get("HealthCheckProtocol") or "TCP"
        group = {
            "EndpointGroupArn": arn,
            "EndpointGroupRegion": region,
            "EndpointDescriptions": _endpoint_descriptions(p.get("EndpointConfigurations") or []),
            "TrafficDialPercentage": p["TrafficDialPercentage"] if p.get("TrafficDialPercentage") is not None else 100.0,
            # Without a port, AWS health-checks the listener's first port.
            "HealthCheckPort": p.get("HealthCheckPort") or listener["PortRanges"][0]["FromPort"],
            "HealthCheckProtocol": protocol,
            "HealthCheckIntervalSeconds": p.get("HealthCheckIntervalSeconds") or 30,
            "ThresholdCount": p.get("ThresholdCount") or 3,
            "PortOverrides": p.get("PortOverrides") or [],
        }
        if protocol != "TCP":
            group["HealthCheckPath"] = p.get("HealthCheckPath") or "/"
        store.endpoint_groups[arn] = group
        self.backend.changed(_accelerator_of(arn))
        return ActionResult({"EndpointGroup": group})

    def describe_endpoint_group(self) -> ActionResult:
        return ActionResult({"EndpointGroup": self.backend.endpoint_group(self.params["EndpointGroupArn"])})

    def list_endpoint_groups(self) -> ActionResult:
        prefix = self.params["ListenerArn"] + "/"
        return ActionResult({"EndpointGroups": [g for arn, g in self.backend.store.endpoint_groups.items() if arn.startswith(prefix)]})

    def update_endpoint_group(self) -> ActionResult:
        p = self.params
        group = self.backend.endpoint_group(p["EndpointGroupArn"])
        if p.get("EndpointConfigurations") is not None:
            group["EndpointDescriptions"] = _endpoint_descriptions(p["EndpointConfigurations"])
        for key in ("TrafficDialPercentage", "HealthCheckPort", "HealthCheckProtocol", "HealthCheckIntervalSeconds", "ThresholdCount", "PortOverrides", "HealthCheckPath"):
            if p.get(key) is not None:
                group[key] = p[key]
        if group["HealthCheckProtocol"] == "TCP":
            group.pop("HealthCheckPath", None)
        else:
            group.setdefault("HealthCheckPath", "/")
        self.backend.changed(_accelerator_of(p["EndpointGroupArn"]))
        return ActionResult({"EndpointGroup": group})

    def delete_endpoint_group(self) -> ActionResult:
        arn = self.params["EndpointGroupArn"]
        self.backend.endpoint_group(arn)
        del self.backend.store.endpoint_groups[arn]
        self.backend.changed(_accelerator_of(arn))
        return EmptyResult()

    def list_cross_account_resources(self) -> ActionResult:
        # The provider reads an endpoint group's attachment ARNs from here, for each endpoint's owner
        # account. Cross-account attachments are not emulated: no account has shared a resource.
        return ActionResult({"CrossAccountResources": []})

    # Tags (accelerators only, as the provider tags them) ---------------------------------------------

    def _tags(self, arn: str) -> dict[str, str]:
        self.backend.accelerator(arn)
        return self.backend.store.tags[arn]

    def tag_resource(self) -> ActionResult:
        self._tags(self.params["ResourceArn"]).update({t["Key"]: t["Value"] for t in self.params["Tags"]})
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        tags = self._tags(self.params["ResourceArn"])
        for key in self.params["TagKeys"]:
            tags.pop(key, None)
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": [{"Key": k, "Value": v} for k, v in self._tags(self.params["ResourceArn"]).items()]})


GlobalAcceleratorBackend.response_class = GlobalAcceleratorResponse


def install() -> None:
    register_service("globalaccelerator", globalaccelerator_backends)
