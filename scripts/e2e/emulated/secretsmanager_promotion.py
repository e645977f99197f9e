"""Emulated "secretsmanager-stop-replication": Secrets Manager's StopReplicationToReplica, which
moto 5.2 lacks (it answers 500) and the Region promotion playbook (`npm run dr -- promote`) calls in
the Region it promotes.

Called in a replica's Region with the replica's name or ARN, it turns the replica into a standalone
secret there, as AWS does: same ARN and name, an independent copy of every version and its staging
labels, the description, tags and resource policy, encrypted with the replica's own key (the
KmsKeyId the replica was created with, which the launcher's "secretsmanager-replica-kms-key-ignored"
patch keeps); the primary stops listing that Region in its ReplicationStatus. From then on the
secret takes PutSecretValue, PutResourcePolicy and every other write moto refuses on a replica, and
changes on either side no longer reach the other. A secret that is not a replica (a primary, or a
standalone secret) is refused with InvalidRequestException; an unknown one with
ResourceNotFoundException.

Not modelled: cross-account replicas (AWS marks the primary's status Detached; moto has no
cross-account replication); the promotion is instant (AWS: seconds); rotation settings are not
carried over (a replica does not rotate; rotation is configured anew on the standalone secret).
"""
import copy
import json
import time

from moto.secretsmanager.exceptions import InvalidRequestException, SecretNotFoundException
from moto.secretsmanager.models import FakeSecret, ReplicaSecret, SecretsManagerBackend
from moto.secretsmanager.responses import SecretsManagerResponse


def stop_replication_to_replica(self: SecretsManagerBackend, secret_id: str) -> FakeSecret:
    if not self._is_valid_identifier(secret_id):
        raise SecretNotFoundException()
    replica = self.secrets[secret_id]
    if not isinstance(replica, ReplicaSecret):
        raise InvalidRequestException(f"Secret {replica.arn} is not a replica secret: StopReplicationToReplica promotes a replica, in the replica's Region.")
    primary = replica.source
    promoted = FakeSecret.__new__(FakeSecret)
    # Deep copies: versions and tags written to either secret afterwards must not reach the other.
    promoted.__dict__.update(copy.deepcopy({k: v for k, v in vars(primary).items() if k != "replicas"}))
    promoted.arn, promoted.region, promoted.replicas = replica.arn, replica.region, []
    promoted.kms_key_id = replica.config["KmsKeyId"]
    promoted.last_changed_date = int(time.time())
    promoted.rotation_requested, promoted.rotation_enabled, promoted.rotation_lambda_arn = False, False, ""
    promoted.auto_rotate_after_days, promoted.next_rotation_date = 0, None
    primary.replicas = [r for r in primary.replicas if r is not replica]
    # moto keys replicas by ARN and secrets by name; lookups by either find it.
    dict.pop(self.secrets, replica.arn)
    self.secrets[promoted.name] = promoted
    return promoted


def stop_replication_to_replica_response(self: SecretsManagerResponse) -> str:
    promoted = self.backend.stop_replication_to_replica(secret_id=self._get_param("SecretId"))
    return json.dumps({"ARN": promoted.arn})


def install() -> None:
    SecretsManagerBackend.stop_replication_to_replica = stop_replication_to_replica
    SecretsManagerResponse.stop_replication_to_replica = stop_replication_to_replica_response
