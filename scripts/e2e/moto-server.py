"""Starts moto in server mode on 127.0.0.1 for the e2e run.

Patches for moto gaps the harness can close go here, each listed in emulator-gaps.json.
Exits by itself when its parent dies, so an aborted run never leaves a server behind.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time

from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.cloudfront import models as cloudfront_models
from moto.cloudtrail.models import CloudTrailBackend
from moto.iam import models as iam_models
from moto.core.responses import ActionResult
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment as TransitGatewayAttachmentResponse
from moto.kms.models import kms_backends
from moto.kms.responses import KmsResponse
from moto.route53.models import HealthCheck as Route53HealthCheck
from moto.route53.responses import Route53 as Route53Response
from moto.s3 import models as s3_models
from moto.s3.responses import S3Response
from moto.secretsmanager.exceptions import InvalidParameterException as SecretsManagerInvalidParameter, OperationNotPermittedOnReplica
from moto.secretsmanager.models import FakeSecret, ReplicaSecret, SecretsManagerBackend, secretsmanager_backends
from moto.securityhub.responses import SecurityHubResponse
from moto.server import ThreadedMotoServer
from moto.elbv2.models import ELBv2Backend
from moto import settings as moto_settings


def bucket_permission_without_conditions(self, action: str, resource: str):
    """Gap "s3-bucket-policy-conditions": moto 5.2.1 cannot evaluate policy conditions and treats
    every conditional statement as a match, so a TLS-only Deny denies every request. Conditional
    statements are left out; the rest of the policy is enforced as moto would."""
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    unconditional = [s for s in statements if "Condition" not in s]
    if not unconditional:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps({**document, "Statement": unconditional})).is_action_permitted(action, resource)


s3_models.FakeBucket.get_permission = bucket_permission_without_conditions

_set_route_table_association = TransitGatewayRouteTableBackend.set_route_table_association


def associate_unless_default_association_disabled(self, transit_gateway_attachment_id: str, transit_gateway_route_table_id: str) -> None:
    """Gap "tgw-default-association-ignored": moto 5.2.1 associates every new attachment with the
    TGW's default route table even when DefaultRouteTableAssociation is "disable"; the provider then
    disassociates it and moto answers 500. AWS associates nothing in that case, and neither does
    this patch; explicit associations are unchanged."""
    table = self.transit_gateways_route_tables[transit_gateway_route_table_id]
    gateway = self.transit_gateways.get(table.transit_gateway_id)
    if table.default_association_route_table and gateway and gateway.options.get("DefaultRouteTableAssociation") == "disable":
        return
    _set_route_table_association(self, transit_gateway_attachment_id, transit_gateway_route_table_id)


TransitGatewayRouteTableBackend.set_route_table_association = associate_unless_default_association_disabled


def create_vpc_attachment_keeping_tags(self) -> ActionResult:
    """Gap "tgw-vpc-attachment-tags-dropped": moto 5.2.1 reads the tags of a new VPC attachment from
    the "transit-gateway-route-table" tag specification instead of "transit-gateway-attachment", so
    they are lost and every plan wants to add them again. Same call, right resource type."""
    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=self._parse_tag_specification().get("transit-gateway-attachment", {}),
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


TransitGatewayAttachmentResponse.create_transit_gateway_vpc_attachment = create_vpc_attachment_keeping_tags

_delete_vpc_attachment = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment


def delete_vpc_attachment_keeping_record(self, transit_gateway_attachment_id: str):
    """Gap "tgw-vpc-attachment-vanishes-on-delete": moto 5.2.1 forgets a deleted VPC attachment at
    once, while AWS keeps describing it in state "deleted"; the provider waits for that state and
    fails after 21 not-found reads. The record is kept in state "deleted", as AWS does."""
    attachment = _delete_vpc_attachment(self, transit_gateway_attachment_id)
    self.transit_gateway_attachments[transit_gateway_attachment_id] = attachment
    return attachment


TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = delete_vpc_attachment_keeping_record


def _as_list(value):
    return value if isinstance(value, list) else [value]


def log_delivery_allowed_by_policy(target_bucket, target_prefix):
    """Gap "s3-logging-target-policy-string-principal": moto 5.2.1 crashes (500 on PutBucketLogging)
    when the target bucket's policy has a statement whose Principal is the string "*", as every
    TLS-only Deny does. Same check as moto's, skipping such statements."""
    if not target_bucket.policy:
        return False
    base = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}"
    accepted = {f"{base}/{target_prefix or ''}*", f"{base}/*", base}
    for statement in _as_list(json.loads(target_bucket.policy.decode())["Statement"]):
        principal = statement.get("Principal")
        if not isinstance(principal, dict) or principal.get("Service") != "logging.s3.amazonaws.com":
            continue
        if statement.get("Effect") == "Allow" and "s3:PutObject" in _as_list(statement.get("Action", [])):
            if accepted & set(_as_list(statement.get("Resource", []))):
                return True
    return False


s3_models.FakeBucket._log_permissions_enabled_policy = staticmethod(log_delivery_allowed_by_policy)


def start_logging_by_name_or_arn(self, name: str) -> None:
    """Gap "cloudtrail-lookup-by-arn": moto 5.2.1 looks StartLogging, StopLogging and DeleteTrail up
    by trail name only; the provider passes the ARN, so StartLogging answers 500 and DeleteTrail
    silently deletes nothing. Same lookup as GetTrail (name or ARN)."""
    self.get_trail(name).start_logging()


def stop_logging_by_name_or_arn(self, name: str) -> None:
    self.get_trail(name).stop_logging()


_delete_trail = CloudTrailBackend.delete_trail


def delete_trail_by_name_or_arn(self, name: str) -> None:
    match = next((trail_name for trail_name, trail in self.trails.items() if name in (trail_name, trail.arn)), name)
    _delete_trail(self, match)


CloudTrailBackend.start_logging = start_logging_by_name_or_arn
CloudTrailBackend.stop_logging = stop_logging_by_name_or_arn
CloudTrailBackend.delete_trail = delete_trail_by_name_or_arn


def update_security_hub_configuration(self) -> str:
    """Gap "securityhub-update-configuration": moto 5.2.1 has no UpdateSecurityHubConfiguration,
    which the provider calls after enabling the hub. DescribeHub already answers with the settings
    the stacks ask for (AutoEnableControls true, SECURITY_CONTROL), so accepting the call is enough."""
    return json.dumps({})


SecurityHubResponse.update_security_hub_configuration = update_security_hub_configuration


def replicate_key_with_replica_settings(self) -> str:
    """Gap "kms-replicate-key-ignores-policy": moto 5.2.1 ignores ReplicateKey's Policy, Description
    and Tags and gives the replica the primary's; the provider then waits for the replica's own
    (Region-specific) policy until it times out. Its shallow copy also shares the primary's alias
    list and multi-Region configuration, so the same alias in the replica Region fails with
    AlreadyExists and describing the replica turns the primary into a replica. The same call,
    keeping those three settings and giving the replica its own aliases and configuration."""
    key_id = self._get_param("KeyId")
    self._validate_key_id(key_id)
    replica_region = self._get_param("ReplicaRegion")
    replica = self.kms_backend.replicate_key(key_id, replica_region)
    replica.aliases = type(replica.aliases)()
    # The shallow copy also shares the multi-Region configuration, so describing the replica would
    # turn the primary into a REPLICA too.
    shared = replica.multi_region_configuration
    replica.multi_region_configuration = {**shared, "ReplicaKeys": list(shared["ReplicaKeys"]), "MultiRegionKeyType": "REPLICA"}
    if self._get_param("Policy"):
        replica.policy = self._get_param("Policy")
    if self._get_param("Description") is not None:
        replica.description = self._get_param("Description")
    if self._get_param("Tags"):
        kms_backends[self.current_account][replica_region].tag_resource(replica.arn, self._get_param("Tags"))
    return json.dumps({"ReplicaKeyMetadata": replica.to_dict()["KeyMetadata"], "ReplicaPolicy": replica.policy})


KmsResponse.replicate_key = replicate_key_with_replica_settings


_create_alias = KmsResponse.create_alias


def create_alias_absorbing_retry(self) -> str:
    """Gap "kms-create-alias-retried": the provider retries a CreateAlias whose connection moto
    dropped under load after it had created the alias, and the retry fails with AlreadyExists (seen
    once in CI on bootstrap's state key alias). An alias that already names the very key the call
    names is what the first attempt left: answered as created. Any other existing alias still fails."""
    alias_name = self._get_param("AliasName")
    target = self.kms_backend.get_key_id(self._get_param("TargetKeyId") or "")
    for key in list(self.kms_backend.keys.values()):
        if alias_name in key.aliases and key.id == target:
            return json.dumps(None)
    return _create_alias(self)


KmsResponse.create_alias = create_alias_absorbing_retry


def create_replicas_keeping_keys(self, replica_regions, force_overwrite):
    """Gap "secretsmanager-replica-kms-key-ignored": moto 5.2.1 reports every replica as encrypted
    with alias/aws/secretsmanager whatever KmsKeyId was asked for, so every plan wants to change
    it. The replicas keep the key they were created with, as AWS does (in the primary's
    ReplicationStatus and in DescribeSecret in the replica's Region).

    Gap "secretsmanager-replica-overwrite": moto 5.2.1 removes a secret that a forced replica
    replaces by name from a store that keys replicas by ARN, so a replica of another primary (or a
    promoted one re-keyed by ARN) stays beside the new replica; its "already exists" message names a
    secret "simple" whatever the name. Here a same-named secret in the Region is replaced only with
    ForceOverwriteReplicaSecret, otherwise the replica is Failed naming it and the secret stays, and
    a replica of this very primary is replaced in place rather than reported as a conflict."""
    for config in replica_regions or []:
        if config["Region"] == self.region:
            raise SecretsManagerInvalidParameter("Invalid replica region.")
    replicas = []
    for config in replica_regions or []:
        region = config["Region"]
        store = secretsmanager_backends[self.account_id][region].secrets
        # Every entry of that name, whatever moto keyed it by (names for secrets, ARNs for replicas).
        taken = {key: held for key, held in dict.items(store) if held.name == self.name}
        ours = all(isinstance(held, ReplicaSecret) and held.source is self for held in taken.values())
        if taken and not ours and not force_overwrite:
            replica = ReplicaSecret(self, region, "Failed", f"Replication failed: Secret name {self.name} already exists in region {region}.")
        else:
            for key in taken:
                dict.pop(store, key)
            replica = ReplicaSecret(self, region)
            store[replica.arn] = replica
        if config.get("KmsKeyId"):
            replica.config["KmsKeyId"] = config["KmsKeyId"]
        replicas.append(replica)
    return replicas


def replicate_secret_to_regions_once_per_region(self, secret_id, replica_regions, force_overwrite):
    """Part of gap "secretsmanager-replica-overwrite": moto 5.2.1 appends the new replicas to the
    secret's list, so re-replicating to a Region (a forced retry after a Failed replica, the
    fail-back after a promotion) lists that Region twice, and it answers the SecretId it was given
    as the ARN. One entry per Region, the latest outcome, and the secret's ARN."""
    secret = self.describe_secret(secret_id)
    if isinstance(secret, ReplicaSecret):
        raise OperationNotPermittedOnReplica
    regions = {config["Region"] for config in replica_regions or []}
    added = secret.create_replicas(replica_regions, force_overwrite=force_overwrite)
    secret.replicas = [r for r in secret.replicas if r.region not in regions] + added
    return secret.arn, [replica.config for replica in secret.replicas]


_replica_to_dict = ReplicaSecret.to_dict


def replica_to_dict_with_its_key(self):
    # Part of "secretsmanager-replica-kms-key-ignored": moto describes a replica with its primary's key.
    described = _replica_to_dict(self)
    described.pop("KmsKeyId", None)
    if self.config["KmsKeyId"] != SecretsManagerBackend.DEFAULT_KMS_KEY_ALIAS:
        described["KmsKeyId"] = self.config["KmsKeyId"]
    return described


_get_resource_policy = SecretsManagerBackend.get_resource_policy


def get_resource_policy_of_a_replica(self, secret_id):
    """Gap "secretsmanager-replica-policy-read": moto 5.2.1 refuses GetResourcePolicy on a replica
    as it refuses the writes, so the data source aws_secretsmanager_secret (which reads the policy)
    fails in every replica Region. AWS refuses only the writes on a replica; reading answers the
    policy the replica carries, which is its primary's, under the replica's ARN."""
    if self._is_valid_identifier(secret_id):
        held = self.secrets[secret_id]
        if isinstance(held, ReplicaSecret):
            answer = {"ARN": held.arn, "Name": held.name}
            if held.source.policy is not None:
                answer["ResourcePolicy"] = held.source.policy
            return json.dumps(answer)
    return _get_resource_policy(self, secret_id)


FakeSecret.create_replicas = create_replicas_keeping_keys
SecretsManagerBackend.get_resource_policy = get_resource_policy_of_a_replica
SecretsManagerBackend.replicate_secret_to_regions = replicate_secret_to_regions_once_per_region
ReplicaSecret.to_dict = replica_to_dict_with_its_key


_create_health_check = Route53Response.create_health_check
_health_check_config = Route53HealthCheck.health_check_config


def create_health_check_keeping_routing_control(self) -> ActionResult:
    """Gap "route53-recovery-control-health-check": moto 5.2.1 drops the RoutingControlArn of a
    RECOVERY_CONTROL health check and describes it with the defaults of an HTTP check (port 80,
    interval 30, failure threshold 3), so every plan wants to replace it. The ARN is kept, and such a
    check describes only what AWS describes for it (type, routing control, inverted, disabled)."""
    result = _create_health_check(self)
    config = self._get_param("HealthCheckConfig") or {}
    if config.get("Type") == "RECOVERY_CONTROL":
        result.result["HealthCheck"].routing_control_arn = config.get("RoutingControlArn")
    return result


def health_check_config_with_routing_control(self) -> dict:
    if self.type_ != "RECOVERY_CONTROL":
        return _health_check_config.fget(self)
    return {"Type": self.type_, "RoutingControlArn": getattr(self, "routing_control_arn", None), "Inverted": self.inverted, "Disabled": self.disabled}


Route53Response.create_health_check = create_health_check_keeping_routing_control

_update_health_check = Route53Response.update_health_check


def update_health_check_keeping_unsent_lists(self) -> ActionResult:
    """Gap "route53-health-check-update-clears-children": moto 5.2.1 reads a ChildHealthChecks or
    Regions list that UpdateHealthCheck does not send as empty and clears it, so changing only a
    CALCULATED check's threshold drops its children and the next plan wants them back. AWS changes
    only what the update sends; so does the patched call."""
    check = self.backend.get_health_check(self._get_param("HealthCheckId"))
    children, regions = check.children, check.regions
    result = _update_health_check(self)
    if self._get_param("ChildHealthChecks") is None:
        check.children = children
    if self._get_param("Regions") is None:
        check.regions = regions
    return result


Route53Response.update_health_check = update_health_check_keeping_unsent_lists
Route53HealthCheck.health_check_config = property(health_check_config_with_routing_control)


_distribution_config_init = cloudfront_models.DistributionConfig.__init__


def distribution_config_accepting_origin_groups(self, config: dict) -> None:
    """Gap "cloudfront-origin-group-target": moto 5.2.1 checks a distribution's default cache
    behaviour against its origins only, so one that targets an origin group (the failover pair the
    edge layer uses) fails with NoSuchOrigin; AWS accepts an origin or an origin group id. Checked
    against both; an id that is neither is still refused with NoSuchOrigin."""
    groups = [g.get("Id") for g in (config.get("OriginGroups") or {}).get("Items") or []]
    target = (config.get("DefaultCacheBehavior") or {}).get("TargetOriginId")
    origins = [o.get("Id") if isinstance(o, dict) else o.id for o in (config.get("Origins") or {}).get("Items") or []]
    if target in groups and target not in origins:
        # moto's check compares with the origins' ids only: let it pass through a placeholder
        # origin, removed again once the configuration is built.
        placeholder = {"Id": target, "DomainName": "origin-group.invalid", "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}
        config["Origins"]["Items"].append(placeholder)
        _distribution_config_init(self, config)
        self.Origins["Items"] = [o for o in self.Origins["Items"] if o.id != target]
        self.Origins["Quantity"] = len(self.Origins["Items"])
        return
    _distribution_config_init(self, config)


cloudfront_models.DistributionConfig.__init__ = distribution_config_accepting_origin_groups

_cache_behaviour_init = cloudfront_models.DefaultCacheBehaviour.__init__
_origin_init = cloudfront_models.Origin.__init__
_viewer_certificate_init = cloudfront_models.ViewerCertificate.__init__


def cache_behaviour_as_sent(self, config: dict) -> None:
    """Gap "cloudfront-distribution-read-back": moto 5.2.1 describes a distribution with what AWS
    would not, so every plan wants to change it: every cache behaviour without its function and
    Lambda@Edge associations and with legacy ForwardedValues even when it names a cache policy (AWS
    leaves them out then), every origin without its origin access control, and a default
    certificate with empty certificate ids and SSLSupportMethod sni-only (the provider reads those
    back as a custom certificate's settings). Each is described as sent, as AWS does."""
    _cache_behaviour_init(self, config)
    for key, attribute in (("FunctionAssociations", "function_associations"), ("LambdaFunctionAssociations", "lambda_function_associations")):
        if (config.get(key) or {}).get("Quantity"):
            setattr(self, attribute, config[key])
    if config.get("CachePolicyId") and not config.get("ForwardedValues"):
        self.forwarded_values = None


def origin_keeping_access_control(self, origin: dict) -> None:
    _origin_init(self, origin)
    self.origin_access_control_id = origin.get("OriginAccessControlId") or ""


def viewer_certificate_as_sent(self, config: dict) -> None:
    _viewer_certificate_init(self, config)
    if not config.get("IAMCertificateId"):
        self.iam_certificate_id = None
    if not config.get("ACMCertificateArn"):
        self.acm_certificate_arn = None
    if not config.get("SSLSupportMethod") and self.iam_certificate_id is None and self.acm_certificate_arn is None:
        self.ssl_support_method = None


cloudfront_models.DefaultCacheBehaviour.__init__ = cache_behaviour_as_sent
cloudfront_models.Origin.__init__ = origin_keeping_access_control
cloudfront_models.ViewerCertificate.__init__ = viewer_certificate_as_sent


def get_bucket_replication_as_put(self) -> ActionResult:
    """Gap "s3-replication-read-back": moto 5.2.1 answers GetBucketReplication with every rule's
    DeleteMarkerReplication "Disabled" and Filter {"Prefix": ""} and without SourceSelectionCriteria,
    whatever was put, so every plan wants to change the replication configuration. AWS answers each
    rule as it was put; so does this, with moto's two values as defaults for what a rule leaves out."""
    self.data["Action"] = "GetBucketReplication"
    replication = self.backend.get_bucket_replication(self.bucket_name)
    if not replication:
        return _get_bucket_replication(self)
    rules = []
    for rule in _as_list(replication["Rule"]):
        answer = {
            "ID": rule.get("ID"),
            "Priority": rule.get("Priority"),
            "Status": rule["Status"],
            "DeleteMarkerReplication": rule.get("DeleteMarkerReplication") or {"Status": "Disabled"},
            "Filter": rule.get("Filter") or {"Prefix": ""},
            "Destination": rule["Destination"],
        }
        if rule.get("SourceSelectionCriteria"):
            answer["SourceSelectionCriteria"] = rule["SourceSelectionCriteria"]
        rules.append(answer)
    return self.serialized(ActionResult({"ReplicationConfiguration": {"Role": replication["Role"], "Rules": rules}}))


_get_bucket_replication = S3Response.get_bucket_replication
S3Response.get_bucket_replication = get_bucket_replication_as_put


_create_load_balancer = ELBv2Backend.create_load_balancer


def create_load_balancer_internet_facing_by_default(self, *args, **kwargs):
    """Gap "elbv2-scheme-default": moto 5.2.1 stores no scheme when CreateLoadBalancer sends none,
    which is what hashicorp/aws does for internal = false, so the load balancer reads back without
    one. AWS's default is internet-facing, and so is this."""
    if kwargs.get("scheme") is None:
        kwargs["scheme"] = "internet-facing"
    return _create_load_balancer(self, *args, **kwargs)


ELBv2Backend.create_load_balancer = create_load_balancer_internet_facing_by_default


# Gap "iam-config-service-linked-role-name": moto 5.2.1 derives a service-linked role's name from
# the service's host name through a table that lacks Config, so config.amazonaws.com gets
# "AWSServiceRoleForconfig"; AWS names it "AWSServiceRoleForConfig" (and the deploy policy names
# that ARN). One entry in moto's table, as it has for the services it knows.
iam_models.SERVICE_NAME_CONVERSION.setdefault("config", "Config")
# --- Emulated APIs ---------------------------------------------------------------------------------
# Services and calls moto 5.2 lacks (ECR repository creation templates, EC2 Image Builder, Data
# Lifecycle Manager, EBS/AMI public-access blocks, Global Accelerator, Route 53 ARC, CloudFront
# functions, response headers policies and managed cache policies), emulated with in-memory stores
# in scripts/e2e/emulated/ and listed under "emulated" in emulator-gaps.json.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import emulated  # noqa: E402

emulated.install()

# Gap "iam-aws-managed-policies-not-loaded": moto 5.2.1 knows the AWS managed policies (for example
# service-role/AWSDataLifecycleManagerServiceRole, which the DLM role attaches) but loads them only
# when asked; attaching one otherwise fails with NoSuchEntity. Loaded, as in every AWS account
# (about 2 s once, when the first account's IAM backend is created).
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
# Gap "acm-dns-validation-not-checked": moto issues a certificate after a fixed wait (60 s by
# default, read into moto.settings when moto was imported above) without looking at DNS; nothing is
# gained by waiting.
moto_settings.ACM_VALIDATION_WAIT = 0
# --- end of emulated APIs --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    parent = os.getppid()
    print(f"moto {__import__('moto').__version__} listening on 127.0.0.1:{args.port}", flush=True)
    while not stop.wait(1.0):
        if os.getppid() != parent:
            break
    server.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
