"""API-level tests of what the Region promotion playbook (`npm run dr -- promote <region>`, fail-back)
calls on the emulator: Secrets Manager's StopReplicationToReplica (secretsmanager_promotion.py),
ReplicateSecretToRegions over a standalone secret (the launcher's "secretsmanager-replica-overwrite"
patch), and ECR registry replication moved to another Region (ecr_replication.py). Through boto3
against moto's threaded server with the launcher's patches and emulations installed; discovered by
`npm run test:emulator` beside test_emulated.py.
"""
import json
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from emulated import launcher_server

ACCOUNT = "123456789012"
PRIMARY, PROMOTED, THIRD = "us-east-1", "us-west-2", "eu-west-1"
DEFAULT_KEY = "alias/aws/secretsmanager"
server: ThreadedMotoServer
endpoint = ""


def setUpModule() -> None:
    global server, endpoint
    server, endpoint = launcher_server.start()


def tearDownModule() -> None:
    server.stop()


def client(service: str, region: str):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


def error(call, *args, **kwargs) -> tuple[str, str]:
    try:
        call(*args, **kwargs)
    except ClientError as raised:
        return raised.response["Error"]["Code"], raised.response["Error"]["Message"]
    return "no error", ""


POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})


class SecretPromotionTest(unittest.TestCase):
    """A secret in PRIMARY replicated to PROMOTED and THIRD, each replica on its Region's key, as the
    foundation's ReplicatedSecret deploys it."""

    def setUp(self) -> None:
        self.name = f"foundation/{self._testMethodName}"
        self.primary, self.promoted, self.third = (client("secretsmanager", r) for r in (PRIMARY, PROMOTED, THIRD))
        self.keys = {r: client("kms", r).create_key()["KeyMetadata"]["Arn"] for r in (PRIMARY, PROMOTED, THIRD)}
        created = self.primary.create_secret(
            Name=self.name,
            Description="third-party credential",
            KmsKeyId=self.keys[PRIMARY],
            SecretString="from-primary",
            Tags=[{"Key": "Project", "Value": "foundation"}],
            AddReplicaRegions=[{"Region": r, "KmsKeyId": self.keys[r]} for r in (PROMOTED, THIRD)],
        )
        self.arn = created["ARN"]
        self.replica_arn = self.arn.replace(f":{PRIMARY}:", f":{PROMOTED}:")
        self.primary.put_resource_policy(SecretId=self.name, ResourcePolicy=POLICY)

    def replication(self) -> dict[str, tuple[str, str]]:
        statuses = self.primary.describe_secret(SecretId=self.name)["ReplicationStatus"]
        self.assertEqual(len(statuses), len({s["Region"] for s in statuses}), "one entry per Region")
        return {s["Region"]: (s["Status"], s["KmsKeyId"]) for s in statuses}

    def test_a_replica_reads_on_its_own_key_and_refuses_writes(self) -> None:
        replica = self.promoted.describe_secret(SecretId=self.name)
        self.assertEqual((replica["ARN"], replica["PrimaryRegion"], replica["KmsKeyId"]), (self.replica_arn, PRIMARY, self.keys[PROMOTED]))
        self.assertEqual(self.replication(), {PROMOTED: ("InSync", self.keys[PROMOTED]), THIRD: ("InSync", self.keys[THIRD])})
        self.assertEqual(error(self.promoted.put_secret_value, SecretId=self.name, SecretString="x")[0], "InvalidParameterException")
        self.assertEqual(error(self.promoted.put_resource_policy, SecretId=self.name, ResourcePolicy=POLICY)[0], "InvalidParameterException")
        self.assertEqual(error(self.promoted.delete_resource_policy, SecretId=self.name)[0], "InvalidParameterException")
        # Reads are not writes: the replica answers the policy it carries, the primary's.
        policy = self.promoted.get_resource_policy(SecretId=self.name)
        self.assertEqual((policy["ARN"], json.loads(policy["ResourcePolicy"])), (self.replica_arn, json.loads(POLICY)))

    def test_promotion_makes_a_writable_standalone_secret_with_the_replicas_identity(self) -> None:
        self.assertEqual(self.promoted.stop_replication_to_replica(SecretId=self.replica_arn)["ARN"], self.replica_arn)

        standalone = self.promoted.describe_secret(SecretId=self.name)
        self.assertNotIn("PrimaryRegion", standalone)
        self.assertNotIn("ReplicationStatus", standalone)
        self.assertEqual(
            (standalone["ARN"], standalone["Name"], standalone["Description"], standalone["KmsKeyId"], standalone["Tags"]),
            (self.replica_arn, self.name, "third-party credential", self.keys[PROMOTED], [{"Key": "Project", "Value": "foundation"}]),
        )
        # The primary lists only the Regions it still replicates to; the other replica is untouched.
        self.assertEqual(self.replication(), {THIRD: ("InSync", self.keys[THIRD])})
        self.assertEqual(self.third.describe_secret(SecretId=self.name)["PrimaryRegion"], PRIMARY)

        before = self.promoted.get_secret_value(SecretId=self.name)
        self.assertEqual((before["SecretString"], before["VersionStages"]), ("from-primary", ["AWSCURRENT"]))
        written = self.promoted.put_secret_value(SecretId=self.name, SecretString="written-in-promoted")
        after = self.promoted.get_secret_value(SecretId=self.name)
        self.assertEqual((after["SecretString"], after["VersionId"], after["ARN"]), ("written-in-promoted", written["VersionId"], self.replica_arn))
        self.assertEqual(self.promoted.get_secret_value(SecretId=self.name, VersionStage="AWSPREVIOUS")["SecretString"], "from-primary")
        # Independent copies from now on, both ways.
        self.assertEqual(self.primary.get_secret_value(SecretId=self.name)["SecretString"], "from-primary")
        self.primary.put_secret_value(SecretId=self.name, SecretString="primary-later")
        self.assertEqual(self.promoted.get_secret_value(SecretId=self.name)["SecretString"], "written-in-promoted")

        # The replica had the primary's policy; the standalone secret keeps it and takes its own.
        self.assertEqual(json.loads(self.promoted.get_resource_policy(SecretId=self.name)["ResourcePolicy"]), json.loads(POLICY))
        own = json.dumps({**json.loads(POLICY), "Statement": [{**json.loads(POLICY)["Statement"][0], "Sid": "Promoted"}]})
        self.promoted.put_resource_policy(SecretId=self.name, ResourcePolicy=own)
        self.assertEqual(self.promoted.get_resource_policy(SecretId=self.name)["ResourcePolicy"], own)
        self.assertEqual(json.loads(self.primary.get_resource_policy(SecretId=self.name)["ResourcePolicy"]), json.loads(POLICY))
        self.promoted.tag_resource(SecretId=self.name, Tags=[{"Key": "Promoted", "Value": "true"}])
        self.assertEqual(len(self.primary.describe_secret(SecretId=self.name)["Tags"]), 1)
        self.assertEqual([s["ARN"] for s in self.promoted.list_secrets(Filters=[{"Key": "name", "Values": [self.name]}])["SecretList"]], [self.replica_arn])

    def test_fail_back_force_overwrites_the_standalone_secret_with_a_replica(self) -> None:
        self.promoted.stop_replication_to_replica(SecretId=self.name)
        self.promoted.put_secret_value(SecretId=self.name, SecretString="written-in-promoted")
        # The fail-back: the value copied back to the primary, then re-replicated over the copy.
        self.primary.put_secret_value(SecretId=self.name, SecretString=self.promoted.get_secret_value(SecretId=self.name)["SecretString"])

        refused = self.primary.replicate_secret_to_regions(SecretId=self.name, AddReplicaRegions=[{"Region": PROMOTED, "KmsKeyId": self.keys[PROMOTED]}])
        self.assertEqual(refused["ARN"], self.arn)
        failed = next(s for s in refused["ReplicationStatus"] if s["Region"] == PROMOTED)
        self.assertEqual((failed["Status"], failed["StatusMessage"]), ("Failed", f"Replication failed: Secret name {self.name} already exists in region {PROMOTED}."))
        # Without force the standalone secret stays as it was, writable.
        self.assertNotIn("PrimaryRegion", self.promoted.describe_secret(SecretId=self.name))
        self.promoted.put_secret_value(SecretId=self.name, SecretString="still-standalone")
        self.assertEqual(self.replication(), {PROMOTED: ("Failed", self.keys[PROMOTED]), THIRD: ("InSync", self.keys[THIRD])})

        forced = self.primary.replicate_secret_to_regions(SecretId=self.name, AddReplicaRegions=[{"Region": PROMOTED, "KmsKeyId": self.keys[PROMOTED]}], ForceOverwriteReplicaSecret=True)
        self.assertEqual({s["Region"]: s["Status"] for s in forced["ReplicationStatus"]}, {PROMOTED: "InSync", THIRD: "InSync"})
        self.assertEqual(self.replication(), {PROMOTED: ("InSync", self.keys[PROMOTED]), THIRD: ("InSync", self.keys[THIRD])})
        replica = self.promoted.describe_secret(SecretId=self.name)
        self.assertEqual((replica["ARN"], replica["PrimaryRegion"], replica["KmsKeyId"]), (self.replica_arn, PRIMARY, self.keys[PROMOTED]))
        self.assertEqual(self.promoted.get_secret_value(SecretId=self.replica_arn)["SecretString"], "written-in-promoted")
        self.assertEqual(len(self.promoted.list_secrets(Filters=[{"Key": "name", "Values": [self.name]}])["SecretList"]), 1)
        # A replica again: read-only, and the primary's next value reaches it.
        self.assertEqual(error(self.promoted.put_secret_value, SecretId=self.name, SecretString="x")[0], "InvalidParameterException")
        self.primary.put_secret_value(SecretId=self.name, SecretString="after-fail-back")
        self.assertEqual(self.promoted.get_secret_value(SecretId=self.name)["SecretString"], "after-fail-back")

    def test_replicating_again_to_an_in_sync_replica_keeps_one_entry(self) -> None:
        again = self.primary.replicate_secret_to_regions(SecretId=self.arn, AddReplicaRegions=[{"Region": THIRD, "KmsKeyId": self.keys[THIRD]}])
        self.assertEqual([(s["Region"], s["Status"]) for s in again["ReplicationStatus"]], [(PROMOTED, "InSync"), (THIRD, "InSync")])
        self.assertEqual(self.replication()[THIRD], ("InSync", self.keys[THIRD]))

    def test_a_replica_without_a_key_is_on_the_default_key_before_and_after_promotion(self) -> None:
        name = f"{self.name}-default-key"
        self.primary.create_secret(Name=name, SecretString="v", AddReplicaRegions=[{"Region": PROMOTED}])
        self.assertNotIn("KmsKeyId", self.promoted.describe_secret(SecretId=name))
        self.assertEqual(self.primary.describe_secret(SecretId=name)["ReplicationStatus"][0]["KmsKeyId"], DEFAULT_KEY)
        self.promoted.stop_replication_to_replica(SecretId=name)
        self.assertNotIn("KmsKeyId", self.promoted.describe_secret(SecretId=name))
        self.assertNotIn("ReplicationStatus", self.primary.describe_secret(SecretId=name))

    def test_errors(self) -> None:
        code, message = error(self.primary.stop_replication_to_replica, SecretId=self.name)
        self.assertEqual(code, "InvalidRequestException")
        self.assertIn("is not a replica", message)
        self.promoted.stop_replication_to_replica(SecretId=self.name)
        # Promoted once: a standalone secret now, not a replica.
        self.assertEqual(error(self.promoted.stop_replication_to_replica, SecretId=self.name)[0], "InvalidRequestException")
        self.assertEqual(error(self.promoted.stop_replication_to_replica, SecretId="foundation/nothing")[0], "ResourceNotFoundException")
        unknown_arn = f"arn:aws:secretsmanager:{PROMOTED}:{ACCOUNT}:secret:foundation/nothing-AbCdEf"
        self.assertEqual(error(self.promoted.stop_replication_to_replica, SecretId=unknown_arn)[0], "ResourceNotFoundException")
        # A replica's own Region only: where there is none, there is nothing to promote.
        self.assertEqual(error(client("secretsmanager", "ap-south-1").stop_replication_to_replica, SecretId=self.name)[0], "ResourceNotFoundException")
        self.assertEqual(error(self.primary.replicate_secret_to_regions, SecretId=self.name, AddReplicaRegions=[{"Region": PRIMARY}])[0], "InvalidParameterException")


MANIFEST = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2, "digest": "sha256:" + "b" * 64}, "layers": []})


class EcrReplicationSourceMoveTest(unittest.TestCase):
    """After a promotion the apply moves the registry replication rules from the old active Region
    to the new one: the old one is left with no rules, the new one replicates to every other."""

    def test_rules_move_to_the_promoted_region(self) -> None:
        old, new, third = (client("ecr", r) for r in (PRIMARY, PROMOTED, THIRD))
        repository = "promotion/app"
        for ecr in (old, new, third):
            ecr.create_repository(repositoryName=repository)
        everywhere = lambda source: [{"destinations": [{"region": r, "registryId": ACCOUNT} for r in (PRIMARY, PROMOTED, THIRD) if r != source], "repositoryFilters": [{"filter": "promotion", "filterType": "PREFIX_MATCH"}]}]
        old.put_replication_configuration(replicationConfiguration={"rules": everywhere(PRIMARY)})
        try:
            old.put_image(repositoryName=repository, imageManifest=MANIFEST, imageTag="before")
            self.assertEqual(sorted(t for i in new.describe_images(repositoryName=repository)["imageDetails"] for t in i["imageTags"]), ["before"])

            old.put_replication_configuration(replicationConfiguration={"rules": []})
            self.assertEqual(old.describe_registry()["replicationConfiguration"]["rules"], [])
            new.put_replication_configuration(replicationConfiguration={"rules": everywhere(PROMOTED)})
            self.assertEqual(new.describe_registry()["replicationConfiguration"]["rules"], everywhere(PROMOTED))

            new.put_image(repositoryName=repository, imageManifest=MANIFEST.replace('"layers"', '"annotations": {"v": "2"}, "layers"'), imageTag="after")
            for ecr in (old, third):
                self.assertIn("after", [t for i in ecr.describe_images(repositoryName=repository)["imageDetails"] for t in i["imageTags"]])
            # The old Region no longer replicates.
            old.put_image(repositoryName=repository, imageManifest=MANIFEST.replace('"layers"', '"annotations": {"v": "3"}, "layers"'), imageTag="old-only")
            self.assertNotIn("old-only", [t for i in new.describe_images(repositoryName=repository)["imageDetails"] for t in i["imageTags"]])
        finally:
            for ecr in (old, new):
                ecr.put_replication_configuration(replicationConfiguration={"rules": []})


if __name__ == "__main__":
    unittest.main()
