"""Emulated "ecr-repository-creation-templates": ECR repository creation templates (moto 5.2 has none).

Create / Describe / Update / Delete are added to moto's ECR response class; the templates live on
moto's ECR backend of each account and Region, as DescribeRepositoryCreationTemplates describes
them (the request plus registry id and dates). Templates for REPLICATION are applied when the
emulated replication (ecr_replication.py) creates a destination repository; PULL_THROUGH_CACHE and
CREATE_ON_PUSH templates are stored only (moto has neither feature). The KMS key, custom role and
policies of a template are not checked against IAM or KMS.
"""
from datetime import datetime, timezone
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.ecr.models import ECRBackend
from moto.ecr.responses import ECRResponse


class TemplateAlreadyExists(ServiceException):
    code = "TemplateAlreadyExistsException"


class TemplateNotFound(ServiceException):
    code = "TemplateNotFoundException"


class InvalidParameter(ServiceException):
    code = "InvalidParameterException"


SETTINGS = (
    "description",
    "encryptionConfiguration",
    "resourceTags",
    "imageTagMutability",
    "imageTagMutabilityExclusionFilters",
    "repositoryPolicy",
    "lifecyclePolicy",
    "appliedFor",
    "customRoleArn",
)


def _templates(backend: ECRBackend) -> dict[str, dict[str, Any]]:
    # Kept on moto's backend object, so moto's reset clears them with everything else.
    if not hasattr(backend, "repository_creation_templates"):
        backend.repository_creation_templates = {}
    return backend.repository_creation_templates


def _settings(response: ECRResponse) -> dict[str, Any]:
    settings = {key: response._get_param(key) for key in SETTINGS if response._get_param(key) is not None}
    encryption = settings.get("encryptionConfiguration")
    if encryption and encryption.get("encryptionType") == "AES256" and encryption.get("kmsKey"):
        raise InvalidParameter("kmsKey can only be given with encryptionType KMS or KMS_DSSE.")
    return settings


def create_repository_creation_template(self: ECRResponse) -> ActionResult:
    templates = _templates(self.ecr_backend)
    prefix = self._get_param("prefix")
    if prefix in templates:
        raise TemplateAlreadyExists(f"Repository creation template with prefix '{prefix}' already exists in the registry with id '{self.current_account}'")
    if not self._get_param("appliedFor"):
        raise InvalidParameter("appliedFor must list at least one of REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH.")
    now = datetime.now(timezone.utc)
    templates[prefix] = {
        "prefix": prefix,
        # AWS's defaults when a template does not say.
        "imageTagMutability": "MUTABLE",
        "encryptionConfiguration": {"encryptionType": "AES256"},
        **_settings(self),
        "createdAt": now,
        "updatedAt": now,
    }
    return ActionResult({"registryId": self.current_account, "repositoryCreationTemplate": templates[prefix]})


def describe_repository_creation_templates(self: ECRResponse) -> ActionResult:
    templates = _templates(self.ecr_backend)
    prefixes = self._get_param("prefixes")
    found = [templates[p] for p in prefixes if p in templates] if prefixes else list(templates.values())
    return ActionResult({"registryId": self.current_account, "repositoryCreationTemplates": found})


def update_repository_creation_template(self: ECRResponse) -> ActionResult:
    templates = _templates(self.ecr_backend)
    prefix = self._get_param("prefix")
    if prefix not in templates:
        raise TemplateNotFound(f"Repository creation template with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")
    # Only what is sent changes, as with AWS.
    templates[prefix].update(_settings(self))
    templates[prefix]["updatedAt"] = datetime.now(timezone.utc)
    return ActionResult({"registryId": self.current_account, "repositoryCreationTemplate": templates[prefix]})


def delete_repository_creation_template(self: ECRResponse) -> ActionResult:
    templates = _templates(self.ecr_backend)
    prefix = self._get_param("prefix")
    if prefix not in templates:
        raise TemplateNotFound(f"Repository creation template with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")
    return ActionResult({"registryId": self.current_account, "repositoryCreationTemplate": templates.pop(prefix)})


def install() -> None:
    ECRResponse.create_repository_creation_template = create_repository_creation_template
    ECRResponse.describe_repository_creation_templates = describe_repository_creation_templates
    ECRResponse.update_repository_creation_template = update_repository_creation_template
    ECRResponse.delete_repository_creation_template = delete_repository_creation_template
