"""Emulated "s3-object-replication": S3 replication of objects (moto 5.2 stores a bucket's
replication configuration but never copies an object; the launcher's "s3-replication-read-back"
patch only makes the configuration read back as put).

After PutObject, CompleteMultipartUpload and CopyObject (moto's put_object) on a versioned bucket
whose replication configuration has an enabled rule matching the key (empty filter, Prefix,
Filter.Prefix or Filter.And.Prefix; the highest priority wins), the new version is copied to the
rule's destination bucket, as S3 replication does: same key, body, metadata and version id, encrypted
with the rule's ReplicaKmsKeyID (SSE-KMS) when it names one, else with the destination's default
encryption. The source version then reads back with ReplicationStatus COMPLETED and the copy with
REPLICA (HeadObject and GetObject, x-amz-replication-status). An SSE-KMS object is replicated only
when the rule enables SourceSelectionCriteria.SseKmsEncryptedObjects (otherwise S3 skips it and so
does this). DeleteObject without a version id (a delete marker) is replicated when the rule enables
DeleteMarkerReplication; the deletion of a version never is. A replica is not replicated further.
A destination that is missing or unversioned leaves the source version FAILED.

Not modelled: replication is synchronous (AWS takes seconds to minutes, or up to 15 minutes under
Replication Time Control); the role and the key policies are not evaluated; tag-based filters,
replica modification sync, existing-object and batch replication, metrics and events are not
emulated; the destination must be in the same account.
"""
from typing import Any

from moto.s3.models import FakeDeleteMarker, FakeKey, S3Backend

_put_object = S3Backend.put_object
_complete_multipart_upload = S3Backend.complete_multipart_upload
_delete_object = S3Backend.delete_object
_response_dict = FakeKey.response_dict
_set_metadata = FakeKey.set_metadata

STATUS_HEADER = "x-amz-replication-status"


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _prefix_of(rule: dict) -> str:
    if "Prefix" in rule and rule["Prefix"] is not None:
        return rule["Prefix"]
    rule_filter = rule.get("Filter") or {}
    if rule_filter.get("Prefix") is not None:
        return rule_filter["Prefix"]
    return (rule_filter.get("And") or {}).get("Prefix") or ""


def _rule_for(backend: S3Backend, bucket_name: str, key_name: str) -> dict | None:
    """The enabled rule of the bucket's replication configuration that applies to the key, if any."""
    bucket = backend.buckets.get(bucket_name)
    replication = getattr(bucket, "replication", None) if bucket else None
    if not replication:
        return None
    rules = [r for r in _as_list(replication.get("Rule")) if r.get("Status") == "Enabled" and key_name.startswith(_prefix_of(r))]
    # S3 applies the rule with the highest priority when several match.
    rules.sort(key=lambda r: -int(r.get("Priority") or 0))
    return rules[0] if rules else None


def _enabled(rule: dict, *path: str) -> bool:
    node: Any = rule
    for part in path:
        node = (node or {}).get(part)
    return node == "Enabled"


def _destination_bucket(backend: S3Backend, rule: dict) -> Any:
    name = rule["Destination"]["Bucket"].split(":::", 1)[-1]
    bucket = backend.buckets.get(name)
    return bucket if bucket is not None and bucket.is_versioned else None


def _replicate(backend: S3Backend, bucket_name: str, key: FakeKey) -> None:
    if getattr(key, "replication_status", None) == "REPLICA":
        return
    rule = _rule_for(backend, bucket_name, key.name)
    if rule is None:
        return
    if key.encryption == "aws:kms" and not _enabled(rule, "SourceSelectionCriteria", "SseKmsEncryptedObjects", "Status"):
        return
    destination = _destination_bucket(backend, rule)
    if destination is None:
        key.replication_status = "FAILED"
        return
    replica_key_id = ((rule["Destination"].get("EncryptionConfiguration") or {}).get("ReplicaKmsKeyID"))
    replica = _put_object(
        backend,
        destination.name,
        key.name,
        key.value,
        storage=None,
        etag=key.etag,
        encryption="aws:kms" if replica_key_id else None,
        kms_key_id=replica_key_id,
        disable_notification=True,
    )
    replica.set_metadata(dict(key.metadata))
    # S3 keeps the source's version id on the replica.
    replica._version_id = key.version_id
    replica.replication_status = "REPLICA"
    key.replication_status = "COMPLETED"
    # moto's PutObject sets the metadata (Content-Type...) after storing the object.
    key.emulated_replica = replica


def set_metadata_on_the_replica_too(self: FakeKey, metadata: Any, replace: bool = False) -> None:
    _set_metadata(self, metadata, replace)
    replica = getattr(self, "emulated_replica", None)
    if replica is not None:
        _set_metadata(replica, metadata, replace)


def put_object_and_replicate(self: S3Backend, bucket_name: str, key_name: str, value: bytes, *args: Any, **kwargs: Any) -> FakeKey:
    key = _put_object(self, bucket_name, key_name, value, *args, **kwargs)
    # A multipart upload is replicated once complete, with its metadata (below).
    if kwargs.get("multipart") is None and (len(args) < 3 or args[2] is None):
        _replicate(self, bucket_name, key)
    return key


def complete_multipart_upload_and_replicate(self: S3Backend, bucket_name: str, multipart_id: str, body: Any) -> FakeKey | None:
    key = _complete_multipart_upload(self, bucket_name, multipart_id, body)
    if key is not None:
        _replicate(self, bucket_name, key)
    return key


def delete_object_and_replicate(self: S3Backend, bucket_name: str, key_name: str, version_id: str | None = None, bypass: bool = False) -> tuple[bool, dict[str, Any]]:
    result = _delete_object(self, bucket_name, key_name, version_id=version_id, bypass=bypass)
    bucket = self.buckets.get(bucket_name)
    # Only a new delete marker is replicated; S3 never replicates the deletion of a version.
    if version_id is None and result[0] and bucket is not None and bucket.is_versioned:
        rule = _rule_for(self, bucket_name, key_name)
        if rule is not None and _enabled(rule, "DeleteMarkerReplication", "Status"):
            destination = _destination_bucket(self, rule)
            if destination is not None and key_name in destination.keys and not isinstance(destination.keys[key_name], FakeDeleteMarker):
                _delete_object(self, destination.name, key_name)
    return result


@property  # type: ignore[misc]
def response_dict_with_replication_status(self: FakeKey) -> dict[str, Any]:
    headers = _response_dict.fget(self)  # type: ignore[attr-defined]
    status = getattr(self, "replication_status", None)
    if status:
        headers[STATUS_HEADER] = status
    return headers


def install() -> None:
    S3Backend.put_object = put_object_and_replicate
    S3Backend.complete_multipart_upload = complete_multipart_upload_and_replicate
    S3Backend.delete_object = delete_object_and_replicate
    FakeKey.response_dict = response_dict_with_replication_status
    FakeKey.set_metadata = set_metadata_on_the_replica_too
