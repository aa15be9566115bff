# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from ..components.webservice import (
    PrestaShopAuthError,
    PrestaShopClient,
    PrestaShopNetworkError,
    PrestaShopNotFound,
    PrestaShopRequestError,
    PrestaShopServerError,
    record_to_xml,
)
from .common import TEST_KEY, PrestashopTestCase


@tagged("post_install", "-at_install")
class TestWebservice(PrestashopTestCase):
    """The HTTP client against the sandbox: formats and error classes."""

    def setUp(self):
        super().setUp()
        self.client = PrestaShopClient(self.sandbox.url, TEST_KEY, timeout=2)
        self.addCleanup(self.client.close)

    def test_read_xml_multilang_and_associations(self):
        product = self.client.list("products", {"limit": "0,1"})[0]
        record = self.client.read("products", product["id"])
        self.assertEqual(record["id"], product["id"])
        self.assertIsInstance(record["name"], dict)
        self.assertEqual(set(record["name"]), {1, 2})
        self.assertIn("categories", record["associations"])
        req = self.sandbox.requests[-1]
        self.assertEqual((req.method, req.path), ("GET", f"products/{product['id']}"))
        self.assertNotIn("output_format", req.query)

    def test_list_json_equals_xml(self):
        """display=full lists read in JSON give the same records as XML."""
        xml = self.client.list("carriers", fmt="xml")
        json_ = self.client.list("carriers", fmt="json")
        self.assertEqual(xml, json_)
        self.assertEqual(self.sandbox.requests[-1].query.get("output_format"), "JSON")

    def test_empty_list_json(self):
        self.assertEqual(
            self.client.list("products", {"filter[id]": "[999999]"}, fmt="json"), []
        )

    def test_write_roundtrip_xml(self):
        body = record_to_xml("tag", {"id_lang": 1, "name": "a <b> ]]> c"})
        self.assertIn("<![CDATA[a <b> ]]]]><![CDATA[> c]]>", body)
        created = self.client.create("tags", "tag", {"id_lang": 1, "name": "a & b"})
        self.assertEqual(self.client.read("tags", created["id"])["name"], "a & b")
        post = self.sandbox.requests[-2]
        self.assertEqual(post.method, "POST")
        self.assertIn("<tag>", post.body)

    def test_errors_are_classified(self):
        with self.assertRaises(PrestaShopNotFound):
            self.client.read("products", 999999)
        with self.assertRaises(PrestaShopRequestError) as cm:
            self.client.list("products", {"filter[nope]": "[1]"})
        self.assertEqual(cm.exception.code, 32)
        bad = PrestaShopClient(self.sandbox.url, "WRONGKEY", timeout=2)
        with self.assertRaises(PrestaShopAuthError) as cm:
            bad.read("products", 1)
        self.assertIn("key", cm.exception.message)
        self.sandbox.faults.fail_next(1, status=503)
        with self.assertRaises(PrestaShopServerError):
            self.client.read("languages", 1)
        self.sandbox.faults.malformed_next(1)
        with self.assertRaises(PrestaShopNetworkError):
            self.client.read("languages", 1)
        self.sandbox.faults.down = True
        with self.assertRaises(PrestaShopNetworkError):
            self.client.read("languages", 1)
        self.sandbox.faults.down = False
