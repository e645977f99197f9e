"""Emulated "resource-explorer-indexes-views": AWS Resource Explorer (resource-explorer-2), its
indexes, views, default views and tags (moto has no backend, not even upstream).

REST-JSON, signing name resource-explorer-2. An index and a view belong to one Region, but the
account has at most one aggregator index, and ListIndexes answers for every Region: so the store is
per account (shared by every Region's backend) and keyed by Region and ARN. Each index and view reads
back as written plus what AWS computes (ARNs in AWS's format, state, dates, scope, owner, the
Regions an aggregator replicates from). The index's states move as the provider's waiters expect:
CreateIndex answers CREATING and the next GetIndex CREATING once more, then ACTIVE; UpdateIndexType
likewise through UPDATING; DeleteIndex answers DELETING, once more on the next GetIndex, then the
index is gone. AWS's rules the foundation depends on are enforced: one index per Region, one
aggregator per account (ConflictException), no new aggregator for 24 hours after an aggregator is
demoted or deleted (ConflictException), view names unique per Region, a view only where an index is.
Nothing is ever indexed: Search and the resource counts are not emulated.
"""
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

from .service import AccountStoreBackend, EmulatedResponse, ResourceNotFound, backend_dict, register_service

# After an aggregator is demoted or deleted, AWS refuses a new one for this long.
AGGREGATOR_COOLDOWN = timedelta(hours=24)


class Conflict(ServiceException):
    code = "ConflictException"


class Validation(ServiceException):
    code = "ValidationException"


class Store:
    def __init__(self) -> None:
        # Region -> the index there (at most one), as GetIndex describes it, plus its tags.
        self.indexes: dict[str, dict[str, Any]] = {}
        # Index ARN -> GetIndex calls still answering the transitional state ("CREATING", ...).
        self.pending: dict[str, int] = {}
        # View ARN -> view (the View shape); tags apart.
        self.views: dict[str, dict[str, Any]] = {}
        self.tags: dict[str, dict[str, str]] = {}
        # Region -> ARN of its default view.
        self.default_views: dict[str, str] = {}
        # When an aggregator last stopped being one (demoted or deleted).
        self.aggregator_gone_at: datetime | None = None


_stores: dict[str, Store] = {}


class ResourceExplorerBackend(AccountStoreBackend):
    store_type = Store
    stores = _stores


resource_explorer_backends = backend_dict(ResourceExplorerBackend, "resource-explorer-2")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _region_of(arn: str) -> str:
    parts = arn.split(":")
    return parts[3] if len(parts) > 5 else ""


class ResourceExplorerResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("resource-explorer-2")

    @property
    def store(self) -> Store:
        return resource_explorer_backends[self.current_account][self.region].store

    def _arn(self, kind: str, *parts: str) -> str:
        return f"arn:{self.partition}:resource-explorer-2:{self.region}:{self.current_account}:{kind}/" + "/".join(parts)

    # Indexes --------------------------------------------------------------------------------------

    def _index(self, arn: str | None = None) -> dict[str, Any]:
        """The index of this Region (the one `arn` names, when given)."""
        index = self.store.indexes.get(self.region)
        if index is None or (arn is not None and index["Arn"] != arn):
            raise ResourceNotFound(f"No index {arn or ''} in {self.region}.".replace("  ", " "))
        return index

    def create_index(self) -> ActionResult:
        if self.region in self.store.indexes:
            raise Conflict(f"An index already exists in {self.region}.")
        now = _now()
        arn = self._arn("index", str(uuid.uuid4()))
        self.store.indexes[self.region] = {"Arn": arn, "Type": "LOCAL", "State": "CREATING", "CreatedAt": now, "LastUpdatedAt": now}
        self.store.tags[arn] = dict(self.params.get("Tags") or {})
        self.store.pending[arn] = 1
        return ActionResult({"Arn": arn, "State": "CREATING", "CreatedAt": now})

    def get_index(self) -> ActionResult:
        index = self._index()
        arn = index["Arn"]
        if self.store.pending.get(arn):
            self.store.pending[arn] -= 1
        elif index["State"] == "DELETING":
            del self.store.indexes[self.region]
            self.store.tags.pop(arn, None)
            raise ResourceNotFound(f"No index in {self.region}.")
        else:
            index["State"] = "ACTIVE"
        others = sorted(r for r in self.store.indexes if r != self.region)
        aggregator = next((r for r, i in self.store.indexes.items() if i["Type"] == "AGGREGATOR"), None)
        replication: dict[str, Any] = {}
        if index["Type"] == "AGGREGATOR":
            replication["ReplicatingFrom"] = others
        elif aggregator is not None:
            replication["ReplicatingTo"] = [aggregator]
        return ActionResult({**index, **replication, "Tags": self.store.tags.get(arn, {})})

    def update_index_type(self) -> ActionResult:
        index = self._index(self.params["Arn"])
        wanted = self.params["Type"]
        if wanted not in ("LOCAL", "AGGREGATOR"):
            raise Validation(f"Type must be LOCAL or AGGREGATOR, not {wanted}.")
        if index["State"] != "ACTIVE":
            raise Conflict(f"The index is {index['State']}; its type can change only when it is ACTIVE.")
        if wanted != index["Type"]:
            if wanted == "AGGREGATOR":
                other = next((r for r, i in self.store.indexes.items() if i["Type"] == "AGGREGATOR"), None)
                if other is not None:
                    raise Conflict(f"The account already has an AGGREGATOR index, in {other}; an account has one.")
                gone = self.store.aggregator_gone_at
                if gone is not None and _now() - gone < AGGREGATOR_COOLDOWN:
                    raise Conflict(f"An aggregator index was demoted or deleted at {gone.isoformat()}; a new one can be promoted 24 hours later.")
            else:
                self.store.aggregator_gone_at = _now()
            index.update({"Type": wanted, "State": "UPDATING", "LastUpdatedAt": _now()})
            self.store.pending[index["Arn"]] = 1
        return ActionResult({"Arn": index["Arn"], "Type": index["Type"], "State": index["State"], "LastUpdatedAt": index["LastUpdatedAt"]})

    def delete_index(self) -> ActionResult:
        arn = self.params["Arn"]
        if _region_of(arn) != self.region:
            raise Validation(f"The index {arn} is not in {self.region}; call DeleteIndex in its Region.")
        index = self._index(arn)
        if index["Type"] == "AGGREGATOR":
            self.store.aggregator_gone_at = _now()
        index.update({"State": "DELETING", "LastUpdatedAt": _now()})
        self.store.pending[arn] = 1
        return ActionResult({"Arn": arn, "State": "DELETING", "LastUpdatedAt": index["LastUpdatedAt"]})

    def list_indexes(self) -> ActionResult:
        kind = self.params.get("Type")
        regions = self.params.get("Regions") or []
        indexes = [
            {"Region": region, "Arn": index["Arn"], "Type": index["Type"]}
            for region, index in sorted(self.store.indexes.items())
            if (not kind or index["Type"] == kind) and (not regions or region in regions)
        ]
        return ActionResult({"Indexes": indexes})

    # Views ----------------------------------------------------------------------------------------

    def _view(self, arn: str) -> dict[str, Any]:
        view = self.store.views.get(arn)
        if view is None or _region_of(arn) != self.region:
            raise ResourceNotFound(f"No view {arn} in {self.region}.")
        return view

    def create_view(self) -> ActionResult:
        p = self.params
        name = p["ViewName"]
        if self.region not in self.store.indexes:
            raise Validation(f"Resource Explorer is not turned on in {self.region}: create an index there first.")
        if any(v["ViewName"] == name for arn, v in self.store.views.items() if _region_of(arn) == self.region):
            raise Conflict(f"A view named {name} already exists in {self.region}.")
        arn = self._arn("view", name, str(uuid.uuid4()))
        view = {
            "ViewArn": arn,
            "ViewName": name,
            "Owner": self.current_account,
            "LastUpdatedAt": _now(),
            "Scope": p.get("Scope") or f"arn:{self.partition}:iam::{self.current_account}:root",
            "IncludedProperties": p.get("IncludedProperties") or [],
            # No filter is an empty filter string: a view of everything.
            "Filters": p.get("Filters") or {"FilterString": ""},
        }
        self.store.views[arn] = view
        self.store.tags[arn] = dict(p.get("Tags") or {})
        return ActionResult({"View": view})

    def get_view(self) -> ActionResult:
        arn = self.params["ViewArn"]
        return ActionResult({"View": self._view(arn), "Tags": self.store.tags.get(arn, {})})

    def update_view(self) -> ActionResult:
        view = self._view(self.params["ViewArn"])
        # What the update does not send is reset, as on AWS: no filter, no extra property.
        view.update(
            {
                "IncludedProperties": self.params.get("IncludedProperties") or [],
                "Filters": self.params.get("Filters") or {"FilterString": ""},
                "LastUpdatedAt": _now(),
            }
        )
        return ActionResult({"View": view})

    def delete_view(self) -> ActionResult:
        arn = self.params["ViewArn"]
        self._view(arn)
        del self.store.views[arn]
        self.store.tags.pop(arn, None)
        if self.store.default_views.get(self.region) == arn:
            del self.store.default_views[self.region]
        return ActionResult({"ViewArn": arn})

    def list_views(self) -> ActionResult:
        return ActionResult({"Views": sorted(arn for arn in self.store.views if _region_of(arn) == self.region)})

    def get_default_view(self) -> ActionResult:
        arn = self.store.default_views.get(self.region)
        return ActionResult({"ViewArn": arn} if arn else {})

    def associate_default_view(self) -> ActionResult:
        arn = self.params["ViewArn"]
        self._view(arn)
        self.store.default_views[self.region] = arn
        return ActionResult({"ViewArn": arn})

    def disassociate_default_view(self) -> ActionResult:
        self.store.default_views.pop(self.region, None)
        return EmptyResult()

    # Tags (indexes and views) ---------------------------------------------------------------------

    def _tags(self) -> dict[str, str]:
        arn = unquote(self.params["resourceArn"])
        if arn not in self.store.tags:
            raise ResourceNotFound(f"No index or view {arn}.")
        return self.store.tags[arn]

    def tag_resource(self) -> ActionResult:
        self._tags().update(self.params.get("Tags") or {})
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        tags = self._tags()
        for key in self.params.get("tagKeys") or []:
            tags.pop(key, None)
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": dict(self._tags())})


ResourceExplorerBackend.response_class = ResourceExplorerResponse


def install() -> None:
    register_service("resource-explorer-2", resource_explorer_backends)
