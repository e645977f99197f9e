"""Emulated "dlm-lifecycle-policies": Amazon Data Lifecycle Manager (moto has no backend, not even upstream).

A per-account, per-Region store of lifecycle policies and their tags. A policy is kept as
GetLifecyclePolicy describes it: the request's settings (schedules, cross-Region copy rules with
their encryption and retention, target tags) plus what AWS computes (id, ARN, dates, state and
status message, the EBS defaults AWS fills in). DLM never runs here: no snapshot is taken, copied
to another Region, encrypted or expired, and the execution role and keys are not checked.
"""
import secrets
from datetime import datetime, timezone
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

from .service import EmulatedBackend, EmulatedResponse, ResourceNotFound, backend_dict, register_service


class InvalidRequest(ServiceException):
    code = "InvalidRequestException"


POLICY_SETTINGS = ("Description", "State", "ExecutionRoleArn", "PolicyDetails", "DefaultPolicy")
# Simplified default policies only (not used by the foundation, kept as sent).
DEFAULT_POLICY_SETTINGS = ("CreateInterval", "RetainInterval", "CopyTags", "ExtendDeletion", "CrossRegionCopyTargets", "Exclusions")


class DLMBackend(EmulatedBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.policies: dict[str, dict[str, Any]] = {}

    def get(self, policy_id: str) -> dict[str, Any]:
        if policy_id not in self.policies:
            raise ResourceNotFound(f"Policy {policy_id} not found.")
        return self.policies[policy_id]

    def by_arn(self, arn: str) -> dict[str, Any]:
        policy = next((p for p in self.policies.values() if p["PolicyArn"] == arn), None)
        if policy is None:
            raise ResourceNotFound(f"Resource {arn} not found.")
        return policy


dlm_backends = backend_dict(DLMBackend, "dlm")


def _with_defaults(details: dict[str, Any] | None) -> dict[str, Any] | None:
    """The defaults AWS fills in and describes back for an EBS snapshot policy."""
    if details is None:
        return None
    details = {"PolicyType": "EBS_SNAPSHOT_MANAGEMENT", **details}
    if details["PolicyType"] == "EBS_SNAPSHOT_MANAGEMENT":
        details.setdefault("ResourceLocations", ["CLOUD"])
        schedules = []
        for schedule in details.get("Schedules") or []:
            schedule = dict(schedule)
            if schedule.get("CreateRule") is not None:
                schedule["CreateRule"] = {"Location": "CLOUD", **schedule["CreateRule"]}
            schedules.append(schedule)
        if "Schedules" in details:
            details["Schedules"] = schedules
    return details


def _check(details: dict[str, Any] | None) -> None:
    for schedule in (details or {}).get("Schedules") or []:
        rules = schedule.get("CrossRegionCopyRules") or []
        if len(rules) > 3:
            raise InvalidRequest("A schedule can have at most 3 cross-Region copy rules.")
        for rule in rules:
            if not (rule.get("TargetRegion") or rule.get("Target")):
                raise InvalidRequest("A cross-Region copy rule needs a TargetRegion or a Target.")
            if rule.get("CmkArn") and not rule.get("Encrypted"):
                raise InvalidRequest("CmkArn is only valid when Encrypted is true.")


class DLMResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("dlm")

    @property
    def backend(self) -> DLMBackend:
        return dlm_backends[self.current_account][self.region]

    def create_lifecycle_policy(self) -> ActionResult:
        p = self.params
        _check(p.get("PolicyDetails"))
        policy_id = f"policy-{secrets.token_hex(9)[:17]}"
        now = datetime.now(timezone.utc)
        state = p.get("State") or "ENABLED"
        self.backend.policies[policy_id] = {
            **{key: p[key] for key in POLICY_SETTINGS + DEFAULT_POLICY_SETTINGS if p.get(key) is not None},
            "PolicyId": policy_id,
            "PolicyArn": f"arn:{self.backend.partition}:dlm:{self.region}:{self.current_account}:policy/{policy_id}",
            "PolicyDetails": _with_defaults(p.get("PolicyDetails")),
            "State": state,
            "StatusMessage": state,
            "DefaultPolicy": bool(p.get("DefaultPolicy")),
            "DateCreated": now,
            "DateModified": now,
            "Tags": p.get("Tags") or {},
        }
        return ActionResult({"PolicyId": policy_id})

    def get_lifecycle_policy(self) -> ActionResult:
        return ActionResult({"Policy": self.backend.get(self.params["PolicyId"])})

    def get_lifecycle_policies(self) -> ActionResult:
        p = self.params
        wanted = set(p.get("PolicyIds") or [])
        summaries = [
            {
                "PolicyId": policy["PolicyId"],
                "Description": policy.get("Description"),
                "State": policy["State"],
                "Tags": policy["Tags"],
                "PolicyType": (policy.get("PolicyDetails") or {}).get("PolicyType"),
                "DefaultPolicy": policy["DefaultPolicy"],
            }
            for policy in self.backend.policies.values()
            if (not wanted or policy["PolicyId"] in wanted) and (not p.get("State") or policy["State"] == p["State"])
        ]
        return ActionResult({"Policies": summaries})

    def update_lifecycle_policy(self) -> ActionResult:
        p = self.params
        policy = self.backend.get(p["PolicyId"])
        _check(p.get("PolicyDetails"))
        for key in POLICY_SETTINGS + DEFAULT_POLICY_SETTINGS:
            if p.get(key) is not None:
                policy[key] = _with_defaults(p[key]) if key == "PolicyDetails" else p[key]
        policy["StatusMessage"] = policy["State"]
        policy["DateModified"] = datetime.now(timezone.utc)
        return EmptyResult()

    def delete_lifecycle_policy(self) -> ActionResult:
        self.backend.get(self.params["PolicyId"])
        del self.backend.policies[self.params["PolicyId"]]
        return EmptyResult()

    def tag_resource(self) -> ActionResult:
        policy = self.backend.by_arn(self.params["ResourceArn"])
        policy["Tags"] = {**policy["Tags"], **self.params["Tags"]}
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        policy = self.backend.by_arn(self.params["ResourceArn"])
        policy["Tags"] = {k: v for k, v in policy["Tags"].items() if k not in self.params["TagKeys"]}
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": self.backend.by_arn(self.params["ResourceArn"])["Tags"]})


DLMBackend.response_class = DLMResponse


def install() -> None:
    register_service("dlm", dlm_backends)
