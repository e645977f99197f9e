"""EC2 account settings per Region that moto 5.2 lacks.

Emulated "ec2-snapshot-block-public-access": Enable/Disable/GetSnapshotBlockPublicAccessState.
Emulated "ec2-image-block-public-access": Enable/Disable/GetImageBlockPublicAccessState.
Emulated "ec2-ebs-default-kms-key-read": GetEbsDefaultKmsKeyId and ResetEbsDefaultKmsKeyId (moto has
ModifyEbsDefaultKmsKeyId and the encryption-by-default calls, but not these two).

The settings live on moto's EC2 backend of each account and Region. They are stored and described
only: moto does not refuse to share a snapshot or an AMI publicly when a block is on. moto does
encrypt new volumes with the default key when encryption by default is on (its own behaviour).
"""
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response

EBS_DEFAULT_ALIAS = "alias/aws/ebs"


class InvalidParameterValue(ServiceException):
    code = "InvalidParameterValue"


def _setting(backend: object, name: str, default: str) -> str:
    return getattr(backend, name, default)


def enable_snapshot_block_public_access(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    state = self._get_param("State")
    if state not in ("block-all-sharing", "block-new-sharing"):
        raise InvalidParameterValue(f"Value ({state}) for parameter State is invalid.")
    self.ec2_backend.snapshot_block_public_access_state = state
    return ActionResult({"State": state})


def disable_snapshot_block_public_access(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    self.ec2_backend.snapshot_block_public_access_state = "unblocked"
    return ActionResult({"State": "unblocked"})


def get_snapshot_block_public_access_state(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    return ActionResult({"State": _setting(self.ec2_backend, "snapshot_block_public_access_state", "unblocked"), "ManagedBy": "account"})


def enable_image_block_public_access(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    state = self._get_param("ImageBlockPublicAccessState")
    if state != "block-new-sharing":
        raise InvalidParameterValue(f"Value ({state}) for parameter ImageBlockPublicAccessState is invalid.")
    # AWS takes up to 10 minutes to apply it; here it is immediate.
    self.ec2_backend.image_block_public_access_state = state
    return ActionResult({"ImageBlockPublicAccessState": state})


def disable_image_block_public_access(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    self.ec2_backend.image_block_public_access_state = "unblocked"
    return ActionResult({"ImageBlockPublicAccessState": "unblocked"})


def get_image_block_public_access_state(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    return ActionResult({"ImageBlockPublicAccessState": _setting(self.ec2_backend, "image_block_public_access_state", "unblocked"), "ManagedBy": "account"})


def get_ebs_default_kms_key_id(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    # AWS answers with the alias of the AWS managed key until a customer managed key is set.
    return ActionResult({"KmsKeyId": self.ec2_backend.default_kms_key_id or EBS_DEFAULT_ALIAS})


def reset_ebs_default_kms_key_id(self: EC2Response) -> ActionResult:
    self.error_on_dryrun()
    self.ec2_backend.default_kms_key_id = ""
    return ActionResult({"KmsKeyId": EBS_DEFAULT_ALIAS})


def install() -> None:
    for function in (
        enable_snapshot_block_public_access,
        disable_snapshot_block_public_access,
        get_snapshot_block_public_access_state,
        enable_image_block_public_access,
        disable_image_block_public_access,
        get_image_block_public_access_state,
        get_ebs_default_kms_key_id,
        reset_ebs_default_kms_key_id,
    ):
        setattr(EC2Response, function.__name__, function)
