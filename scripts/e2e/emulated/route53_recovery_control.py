"""Amazon Route 53 Application Recovery Controller, routing control (moto has no backend, not even
upstream).

Emulated "arc-recovery-control-config": the control plane (REST-JSON, signing name
route53-recovery-control-config; AWS serves it from us-west-2 only): clusters, control panels,
routing controls and safety rules (assertion and gating), per account, keyed by ARN (ARC's ARNs
carry no Region), so every Region's client sees the same resources. A new cluster has its default
control panel, as on AWS; each resource is created PENDING, describes as DEPLOYED, and answers
PENDING_DELETION once after its deletion before it is gone, so the provider's waiters see the same
transitions as on AWS (without the minutes AWS takes).

Emulated "arc-routing-control-cluster": the data plane (JSON 1.0, signing name
route53-recovery-cluster): Get/UpdateRoutingControlState(s) and ListRoutingControls, on the same
store. A cluster's five regional endpoints are the emulator's own URL (from the Host of the request
that described the cluster) with a path naming the Region, so a script that reads the endpoints
from DescribeCluster and flips routing controls through them talks to the emulator. Updates are
refused with ConflictException when they would break a deployed safety rule, unless it is listed in
SafetyRulesToOverride. No Route 53 health check changes state and no DNS answer changes: moto's
health checks of type RECOVERY_CONTROL stay as they are whatever the routing control's state.
"""
import secrets
import uuid
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

from .service import AccountStoreBackend, EmulatedResponse, ResourceNotFound, backend_dict, register_service

CONTROL_PLANE_REGION = "us-west-2"
# The Regions AWS gives every cluster an endpoint in.
CLUSTER_ENDPOINT_REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2")


class Conflict(ServiceException):
    code = "ConflictException"


class Validation(ServiceException):
    code = "ValidationException"


class Store:
    def __init__(self) -> None:
        self.clusters: dict[str, dict[str, Any]] = {}
        self.control_panels: dict[str, dict[str, Any]] = {}
        self.routing_controls: dict[str, dict[str, Any]] = {}
        # ARN -> {"kind": "AssertionRule" | "GatingRule", "rule": {...}}
        self.safety_rules: dict[str, dict[str, Any]] = {}
        # Routing control ARN -> "On" | "Off" (the data plane's state).
        self.states: dict[str, str] = {}
        # ARN -> "PENDING_DELETION" answers still due after a delete.
        self.deleting: dict[str, int] = {}


_stores: dict[str, Store] = {}


class _SharedStoreBackend(AccountStoreBackend):
    store_type = Store
    stores = _stores


class RecoveryControlConfigBackend(_SharedStoreBackend):
    pass


class RecoveryClusterBackend(_SharedStoreBackend):
    pass


control_config_backends = backend_dict(RecoveryControlConfigBackend, "route53-recovery-control-config")
cluster_backends = backend_dict(RecoveryClusterBackend, "route53-recovery-cluster")


def _find(store: Store, registry: dict[str, dict[str, Any]], arn: str, what: str) -> dict[str, Any]:
    if arn in registry:
        return registry[arn]
    if store.deleting.get(arn, 0) > 0:
        store.deleting[arn] -= 1
        return {"Status": "PENDING_DELETION", "_deleting": arn}
    raise ResourceNotFound(f"{what} {arn} was not found.")


def _visible(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if not k.startswith("_")}


class RecoveryControlConfigResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("route53-recovery-control-config")

    @property
    def backend(self) -> RecoveryControlConfigBackend:
        return control_config_backends[self.current_account][self.region]

    @property
    def store(self) -> Store:
        return self.backend.store

    def _arn(self, resource: str) -> str:
        return f"arn:{self.backend.partition}:route53-recovery-control::{self.current_account}:{resource}"

    def _deleted(self, registry: dict[str, dict[str, Any]], arn: str) -> None:
        del registry[arn]
        self.store.deleting[arn] = 1

    def _endpoints(self) -> list[dict[str, str]]:
        host = self.headers.get("Host") or ""
        if not host or host.endswith("amazonaws.com"):
            label = secrets.token_hex(4)
            return [{"Endpoint": f"https://{label}.route53-recovery-cluster.{r}.amazonaws.com/v1", "Region": r} for r in CLUSTER_ENDPOINT_REGIONS]
        # The emulator's own URL: a data-plane client pointed at it reaches RecoveryClusterResponse.
        return [{"Endpoint": f"http://{host}/route53-recovery-cluster/{r}/v1", "Region": r} for r in CLUSTER_ENDPOINT_REGIONS]

    # Clusters -------------------------------------------------------------------------------------

    def create_cluster(self) -> ActionResult:
        p = self.params
        arn = self._arn(f"cluster/{uuid.uuid4()}")
        cluster = {"ClusterArn": arn, "ClusterEndpoints": self._endpoints(), "Name": p["ClusterName"], "Status": "PENDING", "Owner": self.current_account, "NetworkType": p.get("NetworkType") or "IPV4"}
        self.store.clusters[arn] = cluster
        default_panel = self._arn(f"controlpanel/{secrets.token_hex(16)}")
        self.store.control_panels[default_panel] = {
            "ClusterArn": arn,
            "ControlPanelArn": default_panel,
            "DefaultControlPanel": True,
            "Name": "DefaultControlPanel",
            "RoutingControlCount": 0,
            "Status": "DEPLOYED",
            "Owner": self.current_account,
        }
        result = dict(cluster)
        cluster["Status"] = "DEPLOYED"
        return ActionResult({"Cluster": result})

    def describe_cluster(self) -> ActionResult:
        return ActionResult({"Cluster": _visible(_find(self.store, self.store.clusters, self.params["ClusterArn"], "Cluster"))})

    def list_clusters(self) -> ActionResult:
        return ActionResult({"Clusters": list(self.store.clusters.values())})

    def delete_cluster(self) -> ActionResult:
        arn = self.params["ClusterArn"]
        _find(self.store, self.store.clusters, arn, "Cluster")
        panels = [p for p in self.store.control_panels.values() if p["ClusterArn"] == arn]
        if any(not p["DefaultControlPanel"] for p in panels) or any(rc["_cluster"] == arn for rc in self.store.routing_controls.values()):
            raise Conflict(f"Cluster {arn} still has control panels or routing controls; delete them first.")
        for panel in panels:
            del self.store.control_panels[panel["ControlPanelArn"]]
        self._deleted(self.store.clusters, arn)
        return EmptyResult()

    # Control panels -------------------------------------------------------------------------------

    def create_control_panel(self) -> ActionResult:
        p = self.params
        _find(self.store, self.store.clusters, p["ClusterArn"], "Cluster")
        arn = self._arn(f"controlpanel/{secrets.token_hex(16)}")
        panel = {"ClusterArn": p["ClusterArn"], "ControlPanelArn": arn, "DefaultControlPanel": False, "Name": p["ControlPanelName"], "RoutingControlCount": 0, "Status": "PENDING", "Owner": self.current_account}
        self.store.control_panels[arn] = {**panel, "Status": "DEPLOYED"}
        return ActionResult({"ControlPanel": panel})

    def describe_control_panel(self) -> ActionResult:
        arn = self.params["ControlPanelArn"]
        panel = _find(self.store, self.store.control_panels, arn, "Control panel")
        if "_deleting" not in panel:
            panel["RoutingControlCount"] = sum(1 for rc in self.store.routing_controls.values() if rc["ControlPanelArn"] == arn)
        return ActionResult({"ControlPanel": _visible(panel)})

    def list_control_panels(self) -> ActionResult:
        cluster = self.params.get("ClusterArn")
        return ActionResult({"ControlPanels": [p for p in self.store.control_panels.values() if not cluster or p["ClusterArn"] == cluster]})

    def update_control_panel(self) -> ActionResult:
        p = self.params
        panel = _find(self.store, self.store.control_panels, p["ControlPanelArn"], "Control panel")
        panel["Name"] = p["ControlPanelName"]
        return ActionResult({"ControlPanel": _visible(panel)})

    def delete_control_panel(self) -> ActionResult:
        arn = self.params["ControlPanelArn"]
        panel = _find(self.store, self.store.control_panels, arn, "Control panel")
        if panel.get("DefaultControlPanel"):
            raise Validation("A cluster's default control panel cannot be deleted.")
        if any(rc["ControlPanelArn"] == arn for rc in self.store.routing_controls.values()) or any(r["rule"]["ControlPanelArn"] == arn for r in self.store.safety_rules.values()):
            raise Conflict(f"Control panel {arn} still has routing controls or safety rules; delete them first.")
        self._deleted(self.store.control_panels, arn)
        return EmptyResult()

    # Routing controls -----------------------------------------------------------------------------

    def create_routing_control(self) -> ActionResult:
        p = self.params
        cluster = p["ClusterArn"]
        _find(self.store, self.store.clusters, cluster, "Cluster")
        panel_arn = p.get("ControlPanelArn") or next(
            (cp["ControlPanelArn"] for cp in self.store.control_panels.values() if cp["ClusterArn"] == cluster and cp["DefaultControlPanel"]), None
        )
        panel = _find(self.store, self.store.control_panels, panel_arn or "", "Control panel")
        if panel["ClusterArn"] != cluster:
            raise Validation(f"Control panel {panel_arn} is not in cluster {cluster}.")
        arn = f"{panel_arn}/routingcontrol/{secrets.token_hex(8)}"
        control = {"ControlPanelArn": panel_arn, "Name": p["RoutingControlName"], "RoutingControlArn": arn, "Status": "PENDING", "Owner": self.current_account}
        self.store.routing_controls[arn] = {**control, "Status": "DEPLOYED", "_cluster": cluster}
        self.store.states[arn] = "Off"
        return ActionResult({"RoutingControl": control})

    def describe_routing_control(self) -> ActionResult:
        return ActionResult({"RoutingControl": _visible(_find(self.store, self.store.routing_controls, self.params["RoutingControlArn"], "Routing control"))})

    def list_routing_controls(self) -> ActionResult:
        panel = self.params["ControlPanelArn"]
        return ActionResult({"RoutingControls": [_visible(rc) for rc in self.store.routing_controls.values() if rc["ControlPanelArn"] == panel]})

    def update_routing_control(self) -> ActionResult:
        p = self.params
        control = _find(self.store, self.store.routing_controls, p["RoutingControlArn"], "Routing control")
        control["Name"] = p["RoutingControlName"]
        return ActionResult({"RoutingControl": _visible(control)})

    def delete_routing_control(self) -> ActionResult:
        arn = self.params["RoutingControlArn"]
        _find(self.store, self.store.routing_controls, arn, "Routing control")
        users = [rule_arn for rule_arn, r in self.store.safety_rules.items() if arn in _controls_of(r["rule"])]
        if users:
            raise Conflict(f"Routing control {arn} is used by safety rules {', '.join(sorted(users))}.")
        self._deleted(self.store.routing_controls, arn)
        self.store.states.pop(arn, None)
        return EmptyResult()

    # Safety rules ---------------------------------------------------------------------------------

    def create_safety_rule(self) -> ActionResult:
        p = self.params
        kind = "AssertionRule" if p.get("AssertionRule") else "GatingRule"
        new = p.get(kind)
        if not new or (p.get("AssertionRule") and p.get("GatingRule")):
            raise Validation("Exactly one of AssertionRule and GatingRule is required.")
        panel_arn = new["ControlPanelArn"]
        _find(self.store, self.store.control_panels, panel_arn, "Control panel")
        for control in _controls_of(new):
            if control not in self.store.routing_controls:
                raise ResourceNotFound(f"Routing control {control} was not found.")
        config = new["RuleConfig"]
        if config["Type"] not in ("ATLEAST", "AND", "OR"):
            raise Validation(f"RuleConfig.Type must be ATLEAST, AND or OR, not {config['Type']}.")
        arn = f"{panel_arn}/safetyrule/{secrets.token_hex(8)}"
        rule = {**new, "SafetyRuleArn": arn, "Status": "PENDING", "Owner": self.current_account}
        self.store.safety_rules[arn] = {"kind": kind, "rule": {**rule, "Status": "DEPLOYED"}}
        return ActionResult({kind: rule})

    def _safety_rule(self, arn: str) -> dict[str, Any]:
        found = _find(self.store, self.store.safety_rules, arn, "Safety rule")
        if "_deleting" in found:
            # A rule being deleted describes as whichever kind it was; the provider reads only Status.
            return {"AssertionRule": {"SafetyRuleArn": arn, "Status": "PENDING_DELETION"}}
        return {found["kind"]: found["rule"]}

    def describe_safety_rule(self) -> ActionResult:
        return ActionResult(self._safety_rule(self.params["SafetyRuleArn"]))

    def list_safety_rules(self) -> ActionResult:
        panel = self.params["ControlPanelArn"]
        return ActionResult({"SafetyRules": [{r["kind"]: r["rule"]} for r in self.store.safety_rules.values() if r["rule"]["ControlPanelArn"] == panel]})

    def update_safety_rule(self) -> ActionResult:
        p = self.params
        update = p.get("AssertionRuleUpdate") or p.get("GatingRuleUpdate")
        if not update:
            raise Validation("One of AssertionRuleUpdate and GatingRuleUpdate is required.")
        found = _find(self.store, self.store.safety_rules, update["SafetyRuleArn"], "Safety rule")
        for key in ("Name", "WaitPeriodMs"):
            if update.get(key) is not None:
                found["rule"][key] = update[key]
        return ActionResult({found["kind"]: found["rule"]})

    def delete_safety_rule(self) -> ActionResult:
        arn = self.params["SafetyRuleArn"]
        _find(self.store, self.store.safety_rules, arn, "Safety rule")
        self._deleted(self.store.safety_rules, arn)
        return EmptyResult()


def _controls_of(rule: dict[str, Any]) -> list[str]:
    return list(rule.get("AssertedControls") or []) + list(rule.get("GatingControls") or []) + list(rule.get("TargetControls") or [])


def _satisfied(config: dict[str, Any], controls: list[str], states: dict[str, str]) -> bool:
    on = sum(1 for c in controls if states.get(c) == "On")
    kind = config["Type"]
    result = on >= config["Threshold"] if kind == "ATLEAST" else on == len(controls) if kind == "AND" else on >= 1
    return not result if config.get("Inverted") else result


class RecoveryClusterResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("route53-recovery-cluster")

    @property
    def store(self) -> Store:
        return cluster_backends[self.current_account][self.region].store

    def _control(self, arn: str) -> dict[str, Any]:
        if arn not in self.store.routing_controls:
            raise ResourceNotFound(f"Routing control {arn} was not found.")
        return self.store.routing_controls[arn]

    def get_routing_control_state(self) -> ActionResult:
        arn = self.params["RoutingControlArn"]
        control = self._control(arn)
        return ActionResult({"RoutingControlArn": arn, "RoutingControlState": self.store.states[arn], "RoutingControlName": control["Name"]})

    def list_routing_controls(self) -> ActionResult:
        panel = self.params.get("ControlPanelArn")
        panels = self.store.control_panels
        controls = [
            {
                "ControlPanelArn": rc["ControlPanelArn"],
                "ControlPanelName": panels[rc["ControlPanelArn"]]["Name"] if rc["ControlPanelArn"] in panels else None,
                "RoutingControlArn": arn,
                "RoutingControlName": rc["Name"],
                "RoutingControlState": self.store.states[arn],
                "Owner": rc["Owner"],
            }
            for arn, rc in self.store.routing_controls.items()
            if not panel or rc["ControlPanelArn"] == panel
        ]
        return ActionResult({"RoutingControls": controls})

    def _apply(self, changes: dict[str, str]) -> None:
        for arn, state in changes.items():
            self._control(arn)
            if state not in ("On", "Off"):
                raise Validation(f"RoutingControlState must be On or Off, not {state}.")
        overridden = set(self.params.get("SafetyRulesToOverride") or [])
        after = {**self.store.states, **changes}
        for rule_arn, entry in self.store.safety_rules.items():
            rule = entry["rule"]
            if rule_arn in overridden or rule["Status"] != "DEPLOYED":
                continue
            if entry["kind"] == "AssertionRule":
                controls = rule["AssertedControls"]
                if set(controls) & set(changes) and not _satisfied(rule["RuleConfig"], controls, after):
                    raise Conflict(f"The update would break safety rule {rule_arn} ({rule['Name']}).")
            else:
                targets = set(rule.get("TargetControls") or [])
                changed = {arn for arn, state in changes.items() if self.store.states[arn] != state}
                if targets & changed and not _satisfied(rule["RuleConfig"], rule["GatingControls"], self.store.states):
                    raise Conflict(f"Gating rule {rule_arn} ({rule['Name']}) does not allow changing its target controls now.")
        self.store.states.update(changes)

    def update_routing_control_state(self) -> ActionResult:
        self._apply({self.params["RoutingControlArn"]: self.params["RoutingControlState"]})
        return EmptyResult()

    def update_routing_control_states(self) -> ActionResult:
        entries = self.params["UpdateRoutingControlStateEntries"]
        self._apply({e["RoutingControlArn"]: e["RoutingControlState"] for e in entries})
        return EmptyResult()


RecoveryControlConfigBackend.response_class = RecoveryControlConfigResponse
RecoveryClusterBackend.response_class = RecoveryClusterResponse


def install() -> None:
    register_service("route53-recovery-control-config", control_config_backends)
    register_service("route53-recovery-cluster", cluster_backends)
