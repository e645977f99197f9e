"""Emulated "ecr-image-replication": ECR registry replication on push (moto 5.2 stores the
replication configuration but never copies an image).

After moto stores a pushed image (PutImage), the image is copied to every destination of every
replication rule whose PREFIX_MATCH filters match the repository name, as ECR replication does. A
destination repository that does not exist yet is created the way ECR creates it: from the
destination Region's repository creation template for REPLICATION whose prefix matches
(`prefix/...`, longest prefix first, then `ROOT`): its encryption, tag mutability, resource tags,
lifecycle policy and repository policy; without a template, with ECR's defaults (AES256, MUTABLE, no
lifecycle policy). moto applies the destination's registry scanning configuration itself.

Not modelled: replication is synchronous (AWS takes seconds to minutes and reports a replication
status); images pushed before the configuration are not copied (as with AWS); a destination in
another account needs no registry permissions policy here; the template's custom role is unused;
layers are not copied (moto keeps manifests only).
"""
from typing import Any

from moto.ecr.models import ECRBackend, ecr_backends

from .ecr_creation_templates import _templates


def _template_for(backend: ECRBackend, repository_name: str) -> dict[str, Any] | None:
    candidates = [t for t in _templates(backend).values() if "REPLICATION" in (t.get("appliedFor") or [])]
    matching = sorted((t for t in candidates if repository_name.startswith(t["prefix"] + "/")), key=lambda t: -len(t["prefix"]))
    if matching:
        return matching[0]
    return next((t for t in candidates if t["prefix"] == "ROOT"), None)


def _create_replica_repository(backend: ECRBackend, repository_name: str) -> None:
    template = _template_for(backend, repository_name) or {}
    backend.create_repository(
        repository_name=repository_name,
        registry_id=backend.account_id,
        encryption_config=template.get("encryptionConfiguration") or {"encryptionType": "AES256"},
        image_scan_config={"scanOnPush": False},
        image_tag_mutability=template.get("imageTagMutability") or "MUTABLE",
        tags=template.get("resourceTags") or [],
        image_tag_mutability_exclusion_filters=template.get("imageTagMutabilityExclusionFilters"),
    )
    if template.get("lifecyclePolicy"):
        backend.put_lifecycle_policy(backend.account_id, repository_name, template["lifecyclePolicy"])
    if template.get("repositoryPolicy"):
        backend.set_repository_policy(backend.account_id, repository_name, template["repositoryPolicy"])


def _destinations(backend: ECRBackend, repository_name: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for rule in (backend.replication_config or {}).get("rules") or []:
        filters = rule.get("repositoryFilters") or []
        if filters and not any(f.get("filterType") == "PREFIX_MATCH" and repository_name.startswith(f["filter"]) for f in filters):
            continue
        for destination in rule.get("destinations") or []:
            target = (destination["registryId"], destination["region"])
            if target != (backend.account_id, backend.region_name) and target not in found:
                found.append(target)
    return found


_put_image = ECRBackend.put_image


def put_image_and_replicate(
    self: ECRBackend,
    repository_name: str,
    image_manifest: str,
    image_tag: str,
    image_manifest_mediatype: str | None = None,
    digest: str | None = None,
) -> Any:
    image = _put_image(self, repository_name, image_manifest, image_tag, image_manifest_mediatype, digest)
    for account_id, region in _destinations(self, repository_name):
        target = ecr_backends[account_id][region]
        if repository_name not in target.repositories:
            _create_replica_repository(target, repository_name)
        # The original put: a replica is not replicated further, as with AWS.
        _put_image(target, repository_name, image_manifest, image_tag, image_manifest_mediatype, image.image_digest)
    return image


def install() -> None:
    ECRBackend.put_image = put_image_and_replicate
