"""API-level tests of the emulated Resource Explorer (resource_explorer.py), through boto3 against
moto's threaded server with the launcher's patches and emulations installed. Discovered by
`npm run test:emulator` beside test_emulated.py. What hashicorp/aws 5.100.0 calls for
aws_resourceexplorer2_index and aws_resourceexplorer2_view, and what the inventory checks read.
"""
import unittest
from datetime import timedelta

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from emulated import launcher_server

ACCOUNT = "123456789012"
server: ThreadedMotoServer
endpoint = ""


def setUpModule() -> None:
    global server, endpoint
    server, endpoint = launcher_server.start()


def tearDownModule() -> None:
    server.stop()


def client(region: str):
    return boto3.client(
        "resource-explorer-2",
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=20),
    )


def error_code(call, *args, **kwargs) -> str:
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "no error"


def states(rex, count: int = 3) -> list[str]:
    return [rex.get_index()["State"] for _ in range(count)]


class ResourceExplorerTest(unittest.TestCase):
    def setUp(self) -> None:
        from emulated import resource_explorer

        # A fresh account store per test: no index, no aggregator history.
        resource_explorer._stores.clear()
        self.module = resource_explorer
        self.primary, self.other = client("us-east-1"), client("eu-west-1")

    def active_index(self, rex, tags=None) -> str:
        arn = rex.create_index(Tags=tags or {})["Arn"]
        states(rex, 2)
        return arn

    def test_index_created_local_waits_through_creating_then_active_with_tags(self) -> None:
        created = self.primary.create_index(ClientToken="t", Tags={"FoundationProject": "acme"})
        arn = created["Arn"]
        self.assertRegex(arn, rf"^arn:aws:resource-explorer-2:us-east-1:{ACCOUNT}:index/[0-9a-f-]{{36}}$")
        self.assertEqual(created["State"], "CREATING")
        self.assertEqual(states(self.primary), ["CREATING", "ACTIVE", "ACTIVE"])
        index = self.primary.get_index()
        self.assertEqual((index["Arn"], index["Type"], index["Tags"]), (arn, "LOCAL", {"FoundationProject": "acme"}))
        self.assertIn("CreatedAt", index)
        self.assertEqual(error_code(self.primary.create_index), "ConflictException")

    def test_no_index_is_resource_not_found(self) -> None:
        self.assertEqual(error_code(self.primary.get_index), "ResourceNotFoundException")

    def test_promotion_to_aggregator_through_updating_and_replication_regions(self) -> None:
        aggregator = self.active_index(self.primary)
        local = self.active_index(self.other)
        updated = self.primary.update_index_type(Arn=aggregator, Type="AGGREGATOR")
        self.assertEqual((updated["Type"], updated["State"]), ("AGGREGATOR", "UPDATING"))
        self.assertEqual(states(self.primary), ["UPDATING", "ACTIVE", "ACTIVE"])
        self.assertEqual(self.primary.get_index()["ReplicatingFrom"], ["eu-west-1"])
        self.assertEqual(self.other.get_index()["ReplicatingTo"], ["us-east-1"])
        listed = self.other.list_indexes()["Indexes"]
        self.assertEqual(sorted((i["Region"], i["Arn"], i["Type"]) for i in listed), [("eu-west-1", local, "LOCAL"), ("us-east-1", aggregator, "AGGREGATOR")])
        self.assertEqual([i["Region"] for i in self.other.list_indexes(Type="AGGREGATOR")["Indexes"]], ["us-east-1"])
        self.assertEqual([i["Region"] for i in self.other.list_indexes(Regions=["eu-west-1"])["Indexes"]], ["eu-west-1"])

    def test_one_aggregator_per_account_and_24_hours_before_another(self) -> None:
        aggregator = self.active_index(self.primary)
        local = self.active_index(self.other)
        self.primary.update_index_type(Arn=aggregator, Type="AGGREGATOR")
        states(self.primary, 2)
        self.assertEqual(error_code(self.other.update_index_type, Arn=local, Type="AGGREGATOR"), "ConflictException")
        self.primary.update_index_type(Arn=aggregator, Type="LOCAL")
        states(self.primary, 2)
        self.assertEqual(error_code(self.other.update_index_type, Arn=local, Type="AGGREGATOR"), "ConflictException")
        store = self.module._stores[ACCOUNT]
        store.aggregator_gone_at -= timedelta(hours=24, seconds=1)
        self.other.update_index_type(Arn=local, Type="AGGREGATOR")
        self.assertEqual(states(self.other, 2), ["UPDATING", "ACTIVE"])

    def test_delete_answers_deleting_then_the_index_is_gone(self) -> None:
        arn = self.active_index(self.primary)
        self.assertEqual(error_code(self.other.delete_index, Arn=arn), "ValidationException")
        self.assertEqual(self.primary.delete_index(Arn=arn)["State"], "DELETING")
        self.assertEqual(self.primary.get_index()["State"], "DELETING")
        self.assertEqual(error_code(self.primary.get_index), "ResourceNotFoundException")
        self.assertEqual(self.primary.list_indexes()["Indexes"], [])
        self.active_index(self.primary)

    def test_deleting_the_aggregator_starts_the_cooldown(self) -> None:
        arn = self.active_index(self.primary)
        self.primary.update_index_type(Arn=arn, Type="AGGREGATOR")
        states(self.primary, 2)
        self.primary.delete_index(Arn=arn)
        states(self.primary, 1)
        local = self.active_index(self.other)
        self.assertEqual(error_code(self.other.update_index_type, Arn=local, Type="AGGREGATOR"), "ConflictException")

    def test_view_reads_back_as_written_and_updates_replace(self) -> None:
        self.assertEqual(error_code(self.primary.create_view, ViewName="acme-resources"), "ValidationException")
        self.active_index(self.primary)
        view = self.primary.create_view(
            ViewName="acme-resources", Filters={"FilterString": "tag:FoundationProject=acme"}, IncludedProperties=[{"Name": "tags"}], Tags={"FoundationProject": "acme"}
        )["View"]
        arn = view["ViewArn"]
        self.assertRegex(arn, rf"^arn:aws:resource-explorer-2:us-east-1:{ACCOUNT}:view/acme-resources/[0-9a-f-]{{36}}$")
        read = self.primary.get_view(ViewArn=arn)
        self.assertEqual(
            (read["View"]["Filters"], read["View"]["IncludedProperties"], read["View"]["Scope"], read["View"]["Owner"], read["Tags"]),
            ({"FilterString": "tag:FoundationProject=acme"}, [{"Name": "tags"}], f"arn:aws:iam::{ACCOUNT}:root", ACCOUNT, {"FoundationProject": "acme"}),
        )
        self.assertEqual(error_code(self.primary.create_view, ViewName="acme-resources"), "ConflictException")
        self.primary.update_view(ViewArn=arn, Filters={"FilterString": "region:us-east-1"})
        read = self.primary.get_view(ViewArn=arn)["View"]
        self.assertEqual((read["Filters"], read["IncludedProperties"]), ({"FilterString": "region:us-east-1"}, []))
        self.assertEqual(self.primary.list_views()["Views"], [arn])
        self.assertEqual(self.other.list_views()["Views"], [])
        self.assertEqual(error_code(self.other.get_view, ViewArn=arn), "ResourceNotFoundException")

    def test_a_view_without_filter_has_an_empty_filter_string(self) -> None:
        self.active_index(self.primary)
        arn = self.primary.create_view(ViewName="all")["View"]["ViewArn"]
        self.assertEqual(self.primary.get_view(ViewArn=arn)["View"]["Filters"], {"FilterString": ""})

    def test_default_view_per_region_cleared_when_its_view_is_deleted(self) -> None:
        self.active_index(self.primary)
        arn = self.primary.create_view(ViewName="v")["View"]["ViewArn"]
        self.assertNotIn("ViewArn", self.primary.get_default_view())
        self.primary.associate_default_view(ViewArn=arn)
        self.assertEqual(self.primary.get_default_view()["ViewArn"], arn)
        self.assertNotIn("ViewArn", self.other.get_default_view())
        self.primary.disassociate_default_view()
        self.assertNotIn("ViewArn", self.primary.get_default_view())
        self.primary.associate_default_view(ViewArn=arn)
        self.primary.delete_view(ViewArn=arn)
        self.assertNotIn("ViewArn", self.primary.get_default_view())
        self.assertEqual(error_code(self.primary.get_view, ViewArn=arn), "ResourceNotFoundException")
        self.assertEqual(error_code(self.primary.delete_view, ViewArn=arn), "ResourceNotFoundException")

    def test_tags_on_indexes_and_views(self) -> None:
        index = self.active_index(self.primary, {"a": "1"})
        view = self.primary.create_view(ViewName="v", Tags={"a": "1"})["View"]["ViewArn"]
        for arn in (index, view):
            self.primary.tag_resource(resourceArn=arn, Tags={"b": "2"})
            self.primary.untag_resource(resourceArn=arn, tagKeys=["a"])
            self.assertEqual(self.primary.list_tags_for_resource(resourceArn=arn)["Tags"], {"b": "2"})
        self.assertEqual(self.primary.get_index()["Tags"], {"b": "2"})
        self.assertEqual(self.primary.get_view(ViewArn=view)["Tags"], {"b": "2"})
        missing = f"arn:aws:resource-explorer-2:us-east-1:{ACCOUNT}:view/none/00000000-0000-0000-0000-000000000000"
        self.assertEqual(error_code(self.primary.list_tags_for_resource, resourceArn=missing), "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
