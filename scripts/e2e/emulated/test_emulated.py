"""API-level tests of the emulated services, through boto3 against moto's threaded server on
127.0.0.1 with the emulations installed, as the e2e launcher runs them. A few seconds; run with
  python3 -m unittest discover -s scripts/e2e/emulated -t scripts/e2e
(`npm run test:emulator`; .ci/run runs it). The Terraform round trip is check.sh.
"""
import json
import re
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

import emulated
from emulated import launcher_server

ACCOUNT = "123456789012"
PRIMARY, SECONDARY = "us-east-1", "eu-west-1"
server: ThreadedMotoServer
endpoint = ""


def setUpModule() -> None:
    global server, endpoint
    server, endpoint = launcher_server.start(launcher=False)


def tearDownModule() -> None:
    server.stop()


def client(service: str, region: str = PRIMARY):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


def error_code(call, *args, **kwargs) -> str:
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "no error"


COMPONENT_DATA = "name: harden\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: UpdateOS\n        action: UpdateOS\n"


class ImageBuilderTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ib = client("imagebuilder")

    def component(self, name: str) -> str:
        return self.ib.create_component(name=name, semanticVersion="1.0.0", platform="Linux", data=COMPONENT_DATA, clientToken=name, tags={"a": "1"})[
            "componentBuildVersionArn"
        ]

    def test_component_reads_back_as_written_with_its_build_version_arn(self) -> None:
        created = self.ib.create_component(name="Golden Harden", semanticVersion="1.2.3", platform="Linux", data=COMPONENT_DATA, kmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k", clientToken="t")
        arn = created["componentBuildVersionArn"]
        self.assertEqual(arn, f"arn:aws:imagebuilder:{PRIMARY}:{ACCOUNT}:component/golden-harden/1.2.3/1")
        self.assertEqual(created["latestVersionReferences"]["latestMajorVersionArn"], f"arn:aws:imagebuilder:{PRIMARY}:{ACCOUNT}:component/golden-harden/1.x.x")
        component = self.ib.get_component(componentBuildVersionArn=arn)["component"]
        self.assertEqual(
            {k: component[k] for k in ("name", "version", "platform", "data", "kmsKeyId", "type", "owner", "encrypted")},
            {"name": "Golden Harden", "version": "1.2.3", "platform": "Linux", "data": COMPONENT_DATA, "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "type": "BUILD", "owner": ACCOUNT, "encrypted": True},
        )
        self.assertRegex(component["dateCreated"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(error_code(self.ib.create_component, name="Golden Harden", semanticVersion="1.2.3", platform="Linux", data=COMPONENT_DATA, clientToken="u"), "ResourceAlreadyExistsException")

    def test_unknown_arn_is_resource_not_found(self) -> None:
        arn = f"arn:aws:imagebuilder:{PRIMARY}:{ACCOUNT}:component/nothing/1.0.0/1"
        self.assertEqual(error_code(self.ib.get_component, componentBuildVersionArn=arn), "ResourceNotFoundException")
        self.assertEqual(error_code(self.ib.delete_component, componentBuildVersionArn=arn), "ResourceNotFoundException")

    def test_tags_on_every_kind(self) -> None:
        arn = self.component("tagged")
        self.ib.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.ib.untag_resource(resourceArn=arn, tagKeys=["a"])
        self.assertEqual(self.ib.list_tags_for_resource(resourceArn=arn)["tags"], {"b": "2"})
        self.assertEqual(self.ib.get_component(componentBuildVersionArn=arn)["component"]["tags"], {"b": "2"})

    def test_golden_ami_pipeline_and_its_dependencies(self) -> None:
        component = self.component("pipeline-harden")
        recipe = self.ib.create_image_recipe(
            name="golden",
            semanticVersion="1.0.0",
            parentImage="ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            components=[{"componentArn": f"arn:aws:imagebuilder:{PRIMARY}:aws:component/update-linux/x.x.x"}, {"componentArn": component}],
            blockDeviceMappings=[{"deviceName": "/dev/xvda", "ebs": {"encrypted": True, "kmsKeyId": "key-1", "volumeSize": 16, "volumeType": "gp3"}}],
            clientToken="r",
        )["imageRecipeArn"]
        self.assertEqual(recipe, f"arn:aws:imagebuilder:{PRIMARY}:{ACCOUNT}:image-recipe/golden/1.0.0")
        read = self.ib.get_image_recipe(imageRecipeArn=recipe)["imageRecipe"]
        self.assertEqual((read["platform"], read["type"], read["blockDeviceMappings"][0]["ebs"]["kmsKeyId"]), ("Linux", "AMI", "key-1"))

        infrastructure = self.ib.create_infrastructure_configuration(
            name="build", instanceProfileName="build", subnetId="subnet-1", securityGroupIds=["sg-1"], instanceMetadataOptions={"httpTokens": "required", "httpPutResponseHopLimit": 1}, clientToken="i"
        )["infrastructureConfigurationArn"]
        self.ib.update_infrastructure_configuration(infrastructureConfigurationArn=infrastructure, instanceProfileName="build2", description="d", clientToken="j")
        read = self.ib.get_infrastructure_configuration(infrastructureConfigurationArn=infrastructure)["infrastructureConfiguration"]
        # An update replaces every setting: what it does not send is gone.
        self.assertEqual((read["instanceProfileName"], read["description"], read.get("subnetId"), read.get("instanceMetadataOptions")), ("build2", "d", None, None))
        self.assertIn("dateUpdated", read)

        distributions = [{"region": region, "amiDistributionConfiguration": {"name": "golden-{{ imagebuilder:buildDate }}", "kmsKeyId": f"key-{region}"}} for region in (PRIMARY, SECONDARY)]
        distribution = self.ib.create_distribution_configuration(name="golden", distributions=distributions, clientToken="d")["distributionConfigurationArn"]
        read = self.ib.get_distribution_configuration(distributionConfigurationArn=distribution)["distributionConfiguration"]
        self.assertEqual({d["region"]: d["amiDistributionConfiguration"]["kmsKeyId"] for d in read["distributions"]}, {PRIMARY: f"key-{PRIMARY}", SECONDARY: f"key-{SECONDARY}"})
        self.assertEqual(error_code(self.ib.update_distribution_configuration, distributionConfigurationArn=distribution, distributions=distributions * 2, clientToken="e"), "InvalidParameterValueException")

        pipeline = self.ib.create_image_pipeline(
            name="golden",
            imageRecipeArn=recipe,
            infrastructureConfigurationArn=infrastructure,
            distributionConfigurationArn=distribution,
            schedule={"scheduleExpression": "cron(0 3 ? * sun *)"},
            imageTestsConfiguration={"imageTestsEnabled": True, "timeoutMinutes": 90},
            clientToken="p",
        )["imagePipelineArn"]
        read = self.ib.get_image_pipeline(imagePipelineArn=pipeline)["imagePipeline"]
        self.assertEqual(read["schedule"], {"scheduleExpression": "cron(0 3 ? * sun *)", "timezone": "UTC", "pipelineExecutionStartCondition": "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"})
        self.assertEqual((read["status"], read["platform"], read["enhancedImageMetadataEnabled"], read["imageTestsConfiguration"]["timeoutMinutes"]), ("ENABLED", "Linux", True, 90))
        self.ib.update_image_pipeline(imagePipelineArn=pipeline, imageRecipeArn=recipe, infrastructureConfigurationArn=infrastructure, status="DISABLED", clientToken="q")
        read = self.ib.get_image_pipeline(imagePipelineArn=pipeline)["imagePipeline"]
        self.assertEqual((read["status"], read.get("distributionConfigurationArn"), read.get("schedule")), ("DISABLED", None, None))

        # In use: a recipe cannot go before the pipeline that builds it, as with AWS.
        self.assertEqual(error_code(self.ib.delete_image_recipe, imageRecipeArn=recipe), "ResourceDependencyException")
        self.ib.delete_image_pipeline(imagePipelineArn=pipeline)
        self.ib.delete_image_recipe(imageRecipeArn=recipe)
        self.ib.delete_component(componentBuildVersionArn=component)
        self.ib.delete_infrastructure_configuration(infrastructureConfigurationArn=infrastructure)
        self.ib.delete_distribution_configuration(distributionConfigurationArn=distribution)

    def test_lifecycle_policy(self) -> None:
        details = [{"action": {"type": "DELETE", "includeResources": {"amis": True, "snapshots": True}}, "filter": {"type": "COUNT", "value": 5}}]
        arn = self.ib.create_lifecycle_policy(
            name="keep-five", executionRole="arn:aws:iam::123456789012:role/lc", resourceType="AMI_IMAGE", policyDetails=details, resourceSelection={"recipes": [{"name": "golden", "semanticVersion": "1.0.0"}]}, clientToken="l"
        )["lifecyclePolicyArn"]
        self.assertEqual(arn, f"arn:aws:imagebuilder:{PRIMARY}:{ACCOUNT}:lifecycle-policy/keep-five")
        read = self.ib.get_lifecycle_policy(lifecyclePolicyArn=arn)["lifecyclePolicy"]
        self.assertEqual((read["status"], read["policyDetails"]), ("ENABLED", details))
        self.ib.delete_lifecycle_policy(lifecyclePolicyArn=arn)


class DataLifecycleManagerTest(unittest.TestCase):
    DETAILS = {
        "ResourceTypes": ["VOLUME"],
        "TargetTags": [{"Key": "Backup", "Value": "daily"}],
        "Schedules": [
            {
                "Name": "daily",
                "CopyTags": True,
                "CreateRule": {"Interval": 24, "IntervalUnit": "HOURS", "Times": ["03:00"]},
                "RetainRule": {"Interval": 3, "IntervalUnit": "DAYS"},
                "CrossRegionCopyRules": [
                    {"Target": PRIMARY, "Encrypted": True, "CmkArn": f"arn:aws:kms:{PRIMARY}:{ACCOUNT}:key/mrk-1", "CopyTags": True, "RetainRule": {"Interval": 3, "IntervalUnit": "DAYS"}}
                ],
            }
        ],
    }

    def test_policy_round_trip_update_tags_delete(self) -> None:
        dlm = client("dlm", SECONDARY)
        policy_id = dlm.create_lifecycle_policy(ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/dlm", Description="daily", State="ENABLED", PolicyDetails=self.DETAILS, Tags={"a": "1"})["PolicyId"]
        self.assertRegex(policy_id, r"^policy-[0-9a-f]{17}$")
        policy = dlm.get_lifecycle_policy(PolicyId=policy_id)["Policy"]
        self.assertEqual(policy["PolicyArn"], f"arn:aws:dlm:{SECONDARY}:{ACCOUNT}:policy/{policy_id}")
        self.assertEqual((policy["State"], policy["DefaultPolicy"], policy["Tags"]), ("ENABLED", False, {"a": "1"}))
        details = policy["PolicyDetails"]
        self.assertEqual((details["PolicyType"], details["ResourceLocations"], details["Schedules"][0]["CreateRule"]["Location"]), ("EBS_SNAPSHOT_MANAGEMENT", ["CLOUD"], "CLOUD"))
        self.assertEqual(details["Schedules"][0]["CrossRegionCopyRules"], self.DETAILS["Schedules"][0]["CrossRegionCopyRules"])

        dlm.update_lifecycle_policy(PolicyId=policy_id, State="DISABLED")
        self.assertEqual(dlm.get_lifecycle_policy(PolicyId=policy_id)["Policy"]["State"], "DISABLED")
        dlm.tag_resource(ResourceArn=policy["PolicyArn"], Tags={"b": "2"})
        dlm.untag_resource(ResourceArn=policy["PolicyArn"], TagKeys=["a"])
        self.assertEqual(dlm.list_tags_for_resource(ResourceArn=policy["PolicyArn"])["Tags"], {"b": "2"})
        self.assertIn(policy_id, [p["PolicyId"] for p in dlm.get_lifecycle_policies()["Policies"]])
        dlm.delete_lifecycle_policy(PolicyId=policy_id)
        self.assertEqual(error_code(dlm.get_lifecycle_policy, PolicyId=policy_id), "ResourceNotFoundException")

    def test_more_than_three_copy_targets_is_refused(self) -> None:
        schedule = {**self.DETAILS["Schedules"][0], "CrossRegionCopyRules": self.DETAILS["Schedules"][0]["CrossRegionCopyRules"] * 4}
        code = error_code(client("dlm").create_lifecycle_policy, ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/dlm", Description="x", State="ENABLED", PolicyDetails={**self.DETAILS, "Schedules": [schedule]})
        self.assertEqual(code, "InvalidRequestException")


LIFECYCLE = json.dumps({"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]})
MANIFEST = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2, "digest": "sha256:" + "a" * 64}, "layers": []})


class EcrTest(unittest.TestCase):
    def test_creation_template_round_trip(self) -> None:
        ecr = client("ecr", SECONDARY)
        encryption = {"encryptionType": "KMS", "kmsKey": f"arn:aws:kms:{SECONDARY}:{ACCOUNT}:key/mrk-1"}
        ecr.create_repository_creation_template(prefix="team", appliedFor=["REPLICATION"], encryptionConfiguration=encryption, imageTagMutability="IMMUTABLE", lifecyclePolicy=LIFECYCLE)
        self.assertEqual(error_code(ecr.create_repository_creation_template, prefix="team", appliedFor=["REPLICATION"]), "TemplateAlreadyExistsException")
        described = ecr.describe_repository_creation_templates(prefixes=["team"])
        self.assertEqual(described["registryId"], ACCOUNT)
        template = described["repositoryCreationTemplates"][0]
        self.assertEqual((template["encryptionConfiguration"], template["imageTagMutability"], template["lifecyclePolicy"], template["appliedFor"]), (encryption, "IMMUTABLE", LIFECYCLE, ["REPLICATION"]))
        ecr.update_repository_creation_template(prefix="team", description="replicas")
        template = ecr.describe_repository_creation_templates(prefixes=["team"])["repositoryCreationTemplates"][0]
        self.assertEqual((template["description"], template["imageTagMutability"]), ("replicas", "IMMUTABLE"))
        ecr.delete_repository_creation_template(prefix="team")
        self.assertEqual(ecr.describe_repository_creation_templates(prefixes=["team"])["repositoryCreationTemplates"], [])
        self.assertEqual(error_code(ecr.delete_repository_creation_template, prefix="team"), "TemplateNotFoundException")

    def test_push_replicates_through_the_destination_template(self) -> None:
        primary, secondary, third = client("ecr", PRIMARY), client("ecr", SECONDARY), client("ecr", "ap-south-1")
        key = client("kms", SECONDARY).create_key()["KeyMetadata"]["Arn"]
        secondary.create_repository_creation_template(
            prefix="foundation", appliedFor=["REPLICATION"], encryptionConfiguration={"encryptionType": "KMS", "kmsKey": key}, imageTagMutability="IMMUTABLE", lifecyclePolicy=LIFECYCLE, resourceTags=[{"Key": "Project", "Value": "foundation"}]
        )
        primary.create_repository(repositoryName="foundation/app", imageTagMutability="IMMUTABLE")
        primary.create_repository(repositoryName="other/app")
        destinations = [{"region": SECONDARY, "registryId": ACCOUNT}, {"region": "ap-south-1", "registryId": ACCOUNT}]
        primary.put_replication_configuration(replicationConfiguration={"rules": [{"destinations": destinations, "repositoryFilters": [{"filter": "foundation", "filterType": "PREFIX_MATCH"}]}]})
        try:
            primary.put_image(repositoryName="foundation/app", imageManifest=MANIFEST, imageTag="v1")
            primary.put_image(repositoryName="other/app", imageManifest=MANIFEST, imageTag="v1")

            replica = secondary.describe_repositories(repositoryNames=["foundation/app"])["repositories"][0]
            self.assertEqual((replica["encryptionConfiguration"], replica["imageTagMutability"]), ({"encryptionType": "KMS", "kmsKey": key}, "IMMUTABLE"))
            self.assertEqual(secondary.get_lifecycle_policy(repositoryName="foundation/app")["lifecyclePolicyText"], LIFECYCLE)
            self.assertEqual(secondary.list_tags_for_resource(resourceArn=replica["repositoryArn"])["tags"], [{"Key": "Project", "Value": "foundation"}])
            self.assertEqual(secondary.describe_images(repositoryName="foundation/app")["imageDetails"][0]["imageTags"], ["v1"])
            # No template in that Region: ECR's defaults, which is what the templates are for.
            default = third.describe_repositories(repositoryNames=["foundation/app"])["repositories"][0]
            self.assertEqual((default["encryptionConfiguration"], default["imageTagMutability"]), ({"encryptionType": "AES256"}, "MUTABLE"))
            self.assertEqual(error_code(secondary.describe_repositories, repositoryNames=["other/app"]), "RepositoryNotFoundException")
        finally:
            primary.put_replication_configuration(replicationConfiguration={"rules": []})


class Ec2AccountSettingsTest(unittest.TestCase):
    def test_public_access_blocks_and_default_key(self) -> None:
        ec2 = client("ec2", "ap-southeast-2")
        self.assertEqual(ec2.get_snapshot_block_public_access_state()["State"], "unblocked")
        self.assertEqual(ec2.enable_snapshot_block_public_access(State="block-all-sharing")["State"], "block-all-sharing")
        self.assertEqual(ec2.get_snapshot_block_public_access_state()["State"], "block-all-sharing")
        ec2.disable_snapshot_block_public_access()
        self.assertEqual(ec2.get_snapshot_block_public_access_state()["State"], "unblocked")

        self.assertEqual(ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"], "unblocked")
        ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
        self.assertEqual(ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"], "block-new-sharing")
        self.assertEqual(client("ec2", "ap-northeast-1").get_image_block_public_access_state()["ImageBlockPublicAccessState"], "unblocked")

        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], "alias/aws/ebs")
        key = client("kms", "ap-southeast-2").create_key()["KeyMetadata"]["Arn"]
        ec2.modify_ebs_default_kms_key_id(KmsKeyId=key)
        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], key)
        ec2.reset_ebs_default_kms_key_id()
        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], "alias/aws/ebs")


class S3ReplicationTest(unittest.TestCase):
    """The state bucket's replication: whole bucket, SSE-KMS objects, delete markers, replica key."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.source, cls.destination = client("s3", PRIMARY), client("s3", SECONDARY)
        cls.replica_key = client("kms", SECONDARY).create_key()["KeyMetadata"]["Arn"]
        source_key = client("kms", PRIMARY).create_key()["KeyMetadata"]["Arn"]
        cls.source.create_bucket(Bucket="state")
        cls.destination.create_bucket(Bucket="state-replica", CreateBucketConfiguration={"LocationConstraint": SECONDARY})
        for name, s3 in (("state", cls.source), ("state-replica", cls.destination)):
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        cls.source.put_bucket_encryption(
            Bucket="state",
            ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": source_key}, "BucketKeyEnabled": True}]},
        )
        cls.source.put_bucket_replication(Bucket="state", ReplicationConfiguration=cls.configuration(delete_markers="Enabled", sse_kms="Enabled"))

    @classmethod
    def configuration(cls, delete_markers: str, sse_kms: str, prefix: str = "") -> dict:
        return {
            "Role": f"arn:aws:iam::{ACCOUNT}:role/state-replication",
            "Rules": [
                {
                    "ID": "state",
                    "Priority": 1,
                    "Status": "Enabled",
                    "Filter": {"Prefix": prefix} if prefix else {},
                    "DeleteMarkerReplication": {"Status": delete_markers},
                    "SourceSelectionCriteria": {"SseKmsEncryptedObjects": {"Status": sse_kms}},
                    "Destination": {"Bucket": "arn:aws:s3:::state-replica", "EncryptionConfiguration": {"ReplicaKmsKeyID": cls.replica_key}},
                }
            ],
        }

    def test_put_object_is_copied_with_the_replica_key_and_statuses(self) -> None:
        put = self.source.put_object(Bucket="state", Key="prod/global.tfstate", Body=b'{"serial": 1}', ContentType="application/json")
        source = self.source.head_object(Bucket="state", Key="prod/global.tfstate")
        replica = self.destination.head_object(Bucket="state-replica", Key="prod/global.tfstate")
        self.assertEqual(source["ReplicationStatus"], "COMPLETED")
        self.assertEqual(replica["ReplicationStatus"], "REPLICA")
        self.assertEqual(replica["VersionId"], put["VersionId"])
        self.assertEqual((replica["ServerSideEncryption"], replica["SSEKMSKeyId"]), ("aws:kms", self.replica_key))
        self.assertEqual(replica["ContentType"], "application/json")
        body = self.destination.get_object(Bucket="state-replica", Key="prod/global.tfstate")["Body"].read()
        self.assertEqual(body, b'{"serial": 1}')

    def test_multipart_upload_is_copied_once_complete(self) -> None:
        upload = self.source.create_multipart_upload(Bucket="state", Key="prod/big.tfstate")
        part = self.source.upload_part(Bucket="state", Key="prod/big.tfstate", UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 1024)
        self.assertEqual(error_code(self.destination.head_object, Bucket="state-replica", Key="prod/big.tfstate"), "404")
        self.source.complete_multipart_upload(
            Bucket="state", Key="prod/big.tfstate", UploadId=upload["UploadId"], MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]}
        )
        self.assertEqual(self.destination.get_object(Bucket="state-replica", Key="prod/big.tfstate")["Body"].read(), b"x" * 1024)

    def test_a_delete_marker_is_replicated_a_version_deletion_is_not(self) -> None:
        put = self.source.put_object(Bucket="state", Key="prod/region.tfstate.tflock", Body=b"lock")
        self.source.delete_object(Bucket="state", Key="prod/region.tfstate.tflock")
        self.assertEqual(error_code(self.destination.head_object, Bucket="state-replica", Key="prod/region.tfstate.tflock"), "404")
        versions = self.destination.list_object_versions(Bucket="state-replica", Prefix="prod/region.tfstate.tflock")
        self.assertEqual([v["VersionId"] for v in versions["Versions"]], [put["VersionId"]])
        self.assertEqual(len(versions["DeleteMarkers"]), 1)
        self.source.delete_object(Bucket="state", Key="prod/region.tfstate.tflock", VersionId=put["VersionId"])
        self.assertEqual(len(self.destination.list_object_versions(Bucket="state-replica", Prefix="prod/region.tfstate.tflock")["Versions"]), 1)

    def test_rule_settings_decide_what_is_replicated(self) -> None:
        s3 = self.source
        try:
            s3.put_bucket_replication(Bucket="state", ReplicationConfiguration=self.configuration(delete_markers="Disabled", sse_kms="Enabled", prefix="prod/"))
            s3.put_object(Bucket="state", Key="dev/x.tfstate", Body=b"dev")
            self.assertEqual(error_code(self.destination.head_object, Bucket="state-replica", Key="dev/x.tfstate"), "404")
            self.assertNotIn("ReplicationStatus", s3.head_object(Bucket="state", Key="dev/x.tfstate"))
            s3.put_object(Bucket="state", Key="prod/kept.tfstate", Body=b"kept")
            s3.delete_object(Bucket="state", Key="prod/kept.tfstate")
            self.assertEqual(self.destination.get_object(Bucket="state-replica", Key="prod/kept.tfstate")["Body"].read(), b"kept")
            # SSE-KMS objects need SseKmsEncryptedObjects: the bucket's default encryption is SSE-KMS.
            s3.put_bucket_replication(Bucket="state", ReplicationConfiguration=self.configuration(delete_markers="Enabled", sse_kms="Disabled"))
            s3.put_object(Bucket="state", Key="prod/skipped.tfstate", Body=b"skipped")
            self.assertEqual(error_code(self.destination.head_object, Bucket="state-replica", Key="prod/skipped.tfstate"), "404")
        finally:
            s3.put_bucket_replication(Bucket="state", ReplicationConfiguration=self.configuration(delete_markers="Enabled", sse_kms="Enabled"))

    def test_an_unversioned_destination_fails_the_source_version(self) -> None:
        s3 = self.source
        s3.create_bucket(Bucket="plain-source")
        s3.put_bucket_versioning(Bucket="plain-source", VersioningConfiguration={"Status": "Enabled"})
        s3.create_bucket(Bucket="plain-destination")
        config = self.configuration(delete_markers="Enabled", sse_kms="Enabled")
        config["Rules"][0]["Destination"] = {"Bucket": "arn:aws:s3:::plain-destination"}
        s3.put_bucket_replication(Bucket="plain-source", ReplicationConfiguration=config)
        s3.put_object(Bucket="plain-source", Key="a", Body=b"a")
        self.assertEqual(s3.head_object(Bucket="plain-source", Key="a")["ReplicationStatus"], "FAILED")


class MarkersTest(unittest.TestCase):
    def test_every_module_names_what_it_emulates(self) -> None:
        import pathlib

        ids = re.findall(r'Emulated "([a-z0-9-]+)"', "".join(p.read_text() for p in pathlib.Path(emulated.__file__).parent.glob("*.py") if not p.name.startswith("test_")))
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreaterEqual(len(ids), 6)


if __name__ == "__main__":
    unittest.main()
