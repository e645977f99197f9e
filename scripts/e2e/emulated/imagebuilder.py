"""Emulated "imagebuilder-resources": EC2 Image Builder (moto has no backend, not even upstream).

A per-account, per-Region store of the resources the foundation declares: components, image
recipes, infrastructure, distribution configurations, image pipelines, lifecycle policies, and their
tags. Each is kept as AWS describes it (the request plus the fields AWS computes: ARN, owner,
dates, platform, defaults), so that Terraform reads back what it wrote. Nothing ever runs: no
build instance, no image, no distribution, no test, no lifecycle action; pipelines never execute.
"""
import re
from datetime import datetime, timezone
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult

from .service import AlreadyExists, EmulatedBackend, EmulatedResponse, ResourceNotFound, backend_dict, register_service


class InvalidParameter(ServiceException):
    code = "InvalidParameterValueException"


class ResourceDependency(ServiceException):
    code = "ResourceDependencyException"


def _now() -> str:
    # Image Builder's DateTime members are strings in this format.
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _slug(name: str) -> str:
    # ARNs carry the name lowercased, with characters outside [a-z0-9-_.] as hyphens.
    return re.sub(r"[^a-z0-9\-_.]", "-", name.lower())


def _present(params: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: params[name] for name in names if params.get(name) is not None}


class ImageBuilderBackend(EmulatedBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # ARN -> resource as the Get* call describes it; "kind" is the ARN's resource type.
        self.resources: dict[str, dict[str, Any]] = {}

    def arn(self, kind: str, *parts: str) -> str:
        return f"arn:{self.partition}:imagebuilder:{self.region_name}:{self.account_id}:{kind}/" + "/".join(parts)

    def kind_of(self, arn: str) -> str:
        return arn.split(":", 5)[-1].split("/", 1)[0]

    def add(self, arn: str, resource: dict[str, Any]) -> dict[str, Any]:
        if arn in self.resources:
            raise AlreadyExists(f"The resource {arn} already exists.")
        self.resources[arn] = resource
        return resource

    def get(self, arn: str, kind: str) -> dict[str, Any]:
        resource = self.resources.get(arn or "")
        if resource is None or self.kind_of(arn) != kind:
            raise ResourceNotFound(f"Resource {arn} does not exist.")
        return resource

    def remove(self, arn: str, kind: str) -> None:
        self.get(arn, kind)
        users = [other for other, r in self.resources.items() if other != arn and arn in _references(r)]
        if users:
            raise ResourceDependency(f"Resource {arn} is in use by {', '.join(sorted(users))}.")
        del self.resources[arn]


def _references(resource: dict[str, Any]) -> set[str]:
    refs = {c.get("componentArn") for c in resource.get("components") or []}
    refs |= {resource.get(key) for key in ("imageRecipeArn", "infrastructureConfigurationArn", "distributionConfigurationArn")}
    return {r for r in refs if r}


imagebuilder_backends = backend_dict(ImageBuilderBackend, "imagebuilder")


def _version_references(arn_without_version: str, version: str) -> dict[str, str]:
    major, minor, _patch = (version.split(".") + ["0", "0", "0"])[:3]
    return {
        "latestVersionArn": f"{arn_without_version}/x.x.x",
        "latestMajorVersionArn": f"{arn_without_version}/{major}.x.x",
        "latestMinorVersionArn": f"{arn_without_version}/{major}.{minor}.x",
        "latestPatchVersionArn": f"{arn_without_version}/{version}",
    }


class ImageBuilderResponse(EmulatedResponse):
    def __init__(self) -> None:
        super().__init__("imagebuilder")

    @property
    def backend(self) -> ImageBuilderBackend:
        return imagebuilder_backends[self.current_account][self.region]

    def _created(self, arn_key: str, arn: str, **extra: Any) -> ActionResult:
        return ActionResult({"clientToken": self.params.get("clientToken"), arn_key: arn, **extra})

    # Components ---------------------------------------------------------------------------------

    def create_component(self) -> ActionResult:
        p = self.params
        version = p["semanticVersion"]
        base = self.backend.arn("component", _slug(p["name"]))
        arn = f"{base}/{version}/1"  # the build version: always 1, one build per semantic version
        data = p.get("data") or ""
        phases = set(re.findall(r"^\s*-?\s*name:\s*['\"]?(build|validate|test)['\"]?\s*$", data, re.MULTILINE | re.IGNORECASE))
        self.backend.add(
            arn,
            {
                **_present(p, "name", "description", "changeDescription", "platform", "supportedOsVersions", "data", "kmsKeyId"),
                "arn": arn,
                "version": version,
                "type": "TEST" if phases and phases <= {"test"} else "BUILD",
                "state": {"status": "ACTIVE"},
                "owner": self.current_account,
                "encrypted": True,
                "dateCreated": _now(),
                "tags": p.get("tags") or {},
                "latestVersionReferences": _version_references(base, version),
            },
        )
        return self._created("componentBuildVersionArn", arn, latestVersionReferences=_version_references(base, version))

    def get_component(self) -> ActionResult:
        component = dict(self.backend.get(self.params["componentBuildVersionArn"], "component"))
        references = component.pop("latestVersionReferences")
        return ActionResult({"component": component, "latestVersionReferences": references})

    def delete_component(self) -> ActionResult:
        arn = self.params["componentBuildVersionArn"]
        self.backend.remove(arn, "component")
        return ActionResult({"componentBuildVersionArn": arn})

    # Image recipes ------------------------------------------------------------------------------

    def create_image_recipe(self) -> ActionResult:
        p = self.params
        version = p["semanticVersion"]
        base = self.backend.arn("image-recipe", _slug(p["name"]))
        arn = f"{base}/{version}"
        for component in p.get("components") or []:
            _check_component_reference(self.backend, component["componentArn"])
        self.backend.add(
            arn,
            {
                **_present(
                    p,
                    "name",
                    "description",
                    "components",
                    "parentImage",
                    "blockDeviceMappings",
                    "workingDirectory",
                    "additionalInstanceConfiguration",
                    "amiTags",
                ),
                "arn": arn,
                "type": "AMI",
                "platform": "Windows" if "windows" in p["parentImage"].lower() else "Linux",
                "owner": self.current_account,
                "version": version,
                "dateCreated": _now(),
                "tags": p.get("tags") or {},
                "latestVersionReferences": _version_references(base, version),
            },
        )
        return self._created("imageRecipeArn", arn, latestVersionReferences=_version_references(base, version))

    def get_image_recipe(self) -> ActionResult:
        recipe = dict(self.backend.get(self.params["imageRecipeArn"], "image-recipe"))
        references = recipe.pop("latestVersionReferences")
        return ActionResult({"imageRecipe": recipe, "latestVersionReferences": references})

    def delete_image_recipe(self) -> ActionResult:
        arn = self.params["imageRecipeArn"]
        self.backend.remove(arn, "image-recipe")
        return ActionResult({"imageRecipeArn": arn})

    # Infrastructure configurations --------------------------------------------------------------

    INFRASTRUCTURE_FIELDS = (
        "description",
        "instanceTypes",
        "instanceProfileName",
        "securityGroupIds",
        "subnetId",
        "logging",
        "keyPair",
        "terminateInstanceOnFailure",
        "snsTopicArn",
        "resourceTags",
        "instanceMetadataOptions",
        "placement",
    )

    def create_infrastructure_configuration(self) -> ActionResult:
        p = self.params
        arn = self.backend.arn("infrastructure-configuration", _slug(p["name"]))
        self.backend.add(
            arn,
            {
                **_present(p, "name", *self.INFRASTRUCTURE_FIELDS),
                "arn": arn,
                "dateCreated": _now(),
                "tags": p.get("tags") or {},
            },
        )
        return self._created("infrastructureConfigurationArn", arn)

    def get_infrastructure_configuration(self) -> ActionResult:
        configuration = self.backend.get(self.params["infrastructureConfigurationArn"], "infrastructure-configuration")
        return ActionResult({"infrastructureConfiguration": configuration})

    def update_infrastructure_configuration(self) -> ActionResult:
        # An update replaces every setting (what is not sent is cleared), as AWS does.
        p = self.params
        arn = p["infrastructureConfigurationArn"]
        old = self.backend.get(arn, "infrastructure-configuration")
        self.backend.resources[arn] = {
            **{key: old[key] for key in ("arn", "name", "dateCreated", "tags")},
            **_present(p, *self.INFRASTRUCTURE_FIELDS),
            "dateUpdated": _now(),
        }
        return self._created("infrastructureConfigurationArn", arn)

    def delete_infrastructure_configuration(self) -> ActionResult:
        arn = self.params["infrastructureConfigurationArn"]
        self.backend.remove(arn, "infrastructure-configuration")
        return ActionResult({"infrastructureConfigurationArn": arn})

    # Distribution configurations ----------------------------------------------------------------

    def create_distribution_configuration(self) -> ActionResult:
        p = self.params
        arn = self.backend.arn("distribution-configuration", _slug(p["name"]))
        _check_distributions(p["distributions"])
        self.backend.add(
            arn,
            {
                **_present(p, "name", "description", "distributions"),
                "arn": arn,
                "timeoutMinutes": 720,
                "dateCreated": _now(),
                "tags": p.get("tags") or {},
            },
        )
        return self._created("distributionConfigurationArn", arn)

    def get_distribution_configuration(self) -> ActionResult:
        configuration = self.backend.get(self.params["distributionConfigurationArn"], "distribution-configuration")
        return ActionResult({"distributionConfiguration": configuration})

    def update_distribution_configuration(self) -> ActionResult:
        p = self.params
        arn = p["distributionConfigurationArn"]
        old = self.backend.get(arn, "distribution-configuration")
        _check_distributions(p["distributions"])
        self.backend.resources[arn] = {
            **{key: old[key] for key in ("arn", "name", "timeoutMinutes", "dateCreated", "tags")},
            **_present(p, "description", "distributions"),
            "dateUpdated": _now(),
        }
        return self._created("distributionConfigurationArn", arn)

    def delete_distribution_configuration(self) -> ActionResult:
        arn = self.params["distributionConfigurationArn"]
        self.backend.remove(arn, "distribution-configuration")
        return ActionResult({"distributionConfigurationArn": arn})

    # Image pipelines ----------------------------------------------------------------------------

    PIPELINE_FIELDS = (
        "description",
        "imageRecipeArn",
        "containerRecipeArn",
        "infrastructureConfigurationArn",
        "distributionConfigurationArn",
        "imageScanningConfiguration",
        "workflows",
        "loggingConfiguration",
        "executionRole",
        "imageTags",
    )

    def _pipeline_settings(self, p: dict[str, Any]) -> dict[str, Any]:
        for key, kind in (
            ("imageRecipeArn", "image-recipe"),
            ("infrastructureConfigurationArn", "infrastructure-configuration"),
            ("distributionConfigurationArn", "distribution-configuration"),
        ):
            if p.get(key):
                self.backend.get(p[key], kind)
        recipe = self.backend.resources.get(p.get("imageRecipeArn") or "", {})
        settings = {
            **_present(p, *self.PIPELINE_FIELDS),
            "platform": recipe.get("platform", "Linux"),
            "enhancedImageMetadataEnabled": p.get("enhancedImageMetadataEnabled", True),
            "imageTestsConfiguration": {"imageTestsEnabled": True, "timeoutMinutes": 720, **(p.get("imageTestsConfiguration") or {})},
            "status": p.get("status") or "ENABLED",
        }
        if p.get("schedule"):
            settings["schedule"] = {
                "timezone": "UTC",
                "pipelineExecutionStartCondition": "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
                **p["schedule"],
            }
        return settings

    def create_image_pipeline(self) -> ActionResult:
        p = self.params
        arn = self.backend.arn("image-pipeline", _slug(p["name"]))
        self.backend.add(
            arn,
            {"name": p["name"], **self._pipeline_settings(p), "arn": arn, "dateCreated": _now(), "tags": p.get("tags") or {}},
        )
        return self._created("imagePipelineArn", arn)

    def get_image_pipeline(self) -> ActionResult:
        pipeline = self.backend.get(self.params["imagePipelineArn"], "image-pipeline")
        return ActionResult({"imagePipeline": pipeline})

    def update_image_pipeline(self) -> ActionResult:
        p = self.params
        arn = p["imagePipelineArn"]
        old = self.backend.get(arn, "image-pipeline")
        self.backend.resources[arn] = {
            **{key: old[key] for key in ("arn", "name", "dateCreated", "tags")},
            **self._pipeline_settings(p),
            "dateUpdated": _now(),
        }
        return self._created("imagePipelineArn", arn)

    def delete_image_pipeline(self) -> ActionResult:
        arn = self.params["imagePipelineArn"]
        self.backend.remove(arn, "image-pipeline")
        return ActionResult({"imagePipelineArn": arn})

    # Lifecycle policies -------------------------------------------------------------------------

    LIFECYCLE_FIELDS = ("description", "executionRole", "resourceType", "policyDetails", "resourceSelection")

    def create_lifecycle_policy(self) -> ActionResult:
        p = self.params
        arn = self.backend.arn("lifecycle-policy", _slug(p["name"]))
        self.backend.add(
            arn,
            {
                "name": p["name"],
                **_present(p, *self.LIFECYCLE_FIELDS),
                "status": p.get("status") or "ENABLED",
                "arn": arn,
                "dateCreated": datetime.now(timezone.utc),
                "tags": p.get("tags") or {},
            },
        )
        return ActionResult({"clientToken": p.get("clientToken"), "lifecyclePolicyArn": arn})

    def get_lifecycle_policy(self) -> ActionResult:
        return ActionResult({"lifecyclePolicy": self.backend.get(self.params["lifecyclePolicyArn"], "lifecycle-policy")})

    def update_lifecycle_policy(self) -> ActionResult:
        p = self.params
        arn = p["lifecyclePolicyArn"]
        old = self.backend.get(arn, "lifecycle-policy")
        self.backend.resources[arn] = {
            **{key: old[key] for key in ("arn", "name", "dateCreated", "tags")},
            **_present(p, *self.LIFECYCLE_FIELDS),
            "status": p.get("status") or "ENABLED",
            "dateUpdated": datetime.now(timezone.utc),
        }
        return ActionResult({"lifecyclePolicyArn": arn})

    def delete_lifecycle_policy(self) -> ActionResult:
        arn = self.params["lifecyclePolicyArn"]
        self.backend.remove(arn, "lifecycle-policy")
        return ActionResult({"lifecyclePolicyArn": arn})

    # Tags ---------------------------------------------------------------------------------------

    def _tagged(self) -> dict[str, Any]:
        arn = self.params["resourceArn"]
        return self.backend.get(arn, self.backend.kind_of(arn))

    def tag_resource(self) -> ActionResult:
        resource = self._tagged()
        resource["tags"] = {**resource.get("tags", {}), **self.params["tags"]}
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        resource = self._tagged()
        resource["tags"] = {k: v for k, v in resource.get("tags", {}).items() if k not in self.params["tagKeys"]}
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"tags": self._tagged().get("tags", {})})


def _check_component_reference(backend: ImageBuilderBackend, arn: str) -> None:
    # Amazon-managed components (owner "aws") are taken as they are; the account's own must exist,
    # by build version, semantic version or wildcard (".../component/name/1.x.x").
    if f":{backend.account_id}:component/" not in arn:
        return
    name_prefix = "/".join(arn.split("/")[:2]) + "/"
    if not any(a == arn or a.startswith(name_prefix) for a in backend.resources):
        raise InvalidParameter(f"The component {arn} does not exist.")


def _check_distributions(distributions: list[dict[str, Any]]) -> None:
    regions = [d["region"] for d in distributions]
    if len(set(regions)) != len(regions):
        raise InvalidParameter("A distribution configuration can list each Region only once.")


ImageBuilderBackend.response_class = ImageBuilderResponse


def install() -> None:
    register_service("imagebuilder", imagebuilder_backends)
