# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from ..components.webservice import (
    PrestaShopAuthError,
    PrestaShopBudgetWait,
    PrestaShopClient,
    PrestaShopNetworkError,
    PrestaShopNotFound,
    PrestaShopPermissionError,
    PrestaShopRequestError,
    PrestaShopServerError,
    PrestaShopSetupError,
    element_to_record,
    parse_xml,
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

    def test_parallel_results_in_order(self):
        """Requests side by side: each answer in its call's place, counted."""
        ids = [int(c["id"]) for c in self.client.list("carriers")]
        records = self.client.parallel(
            "read", [("carriers", i) for i in ids], connections=3
        )
        self.assertEqual([int(r["id"]) for r in records], ids)
        self.assertEqual(self.client.request_count, 1 + len(ids))

    def test_parallel_sends_nothing_after_an_error(self):
        """The first call fails: the calls not started yet are not sent (at
        most one more per other connection, already under way)."""
        self.sandbox.faults.fail_next(1, status=500)
        with self.assertRaises(PrestaShopServerError):
            self.client.parallel("read", [("carriers", 1)] * 10, connections=2)
        self.assertLessEqual(len(self.sandbox.requests), 3)

    def test_parallel_takes_the_budget_as_it_sends(self):
        """A budget spent after three requests: three are sent, the wait is
        the job's error; nothing is counted that was not sent."""

        class Budget:
            taken = 0

            def take(self, count=1):
                if self.taken == 3:
                    raise PrestaShopBudgetWait(30, 3, mid_work=True)
                self.taken += count

        budget = Budget()
        client = PrestaShopClient(self.sandbox.url, TEST_KEY, timeout=2, budget=budget)
        self.addCleanup(client.close)
        with self.assertRaises(PrestaShopBudgetWait):
            client.parallel("read", [("carriers", 1)] * 5, connections=4)
        self.assertEqual(len(self.sandbox.requests), 3)
        self.assertEqual((budget.taken, client.request_count), (3, 3))

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
        body = record_to_xml("tag", {"id_lang": 1, "name": "a <b> & c"})
        self.assertIn("<name><![CDATA[a <b> & c]]></name>", body)
        # a text a CDATA section cannot hold goes escaped; control
        # characters, which XML 1.0 cannot hold, are left out
        body = record_to_xml("tag", {"id_lang": 1, "name": "a <b> ]]> c\x0b"})
        self.assertIn("<name>a &lt;b&gt; ]]&gt; c</name>", body)
        node = parse_xml(body.encode("utf-8"))[0]
        self.assertEqual(element_to_record(node)["name"], "a <b> ]]> c")
        created = self.client.create("tags", "tag", {"id_lang": 1, "name": "a & b"})
        self.assertEqual(self.client.read("tags", created["id"])["name"], "a & b")
        post = self.sandbox.requests[-2]
        self.assertEqual(post.method, "POST")
        self.assertIn("<tag>", post.body)

    def test_delete_of_a_record_already_gone_is_done(self):
        """A combination deleted in the back office, then its variant in Odoo:
        the delete job ends done (PrestaShop answers 404)."""
        with self.backend.work_on("prestashop.product.combination") as work:
            result = work.component(usage="record.exporter.deleter").run(999999)
        self.assertIn("already gone", result)
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests][-1],
            ("DELETE", "combinations/999999"),
        )

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

    # -- what real shops send ----------------------------------------------------
    def test_control_characters_removed_from_every_read(self):
        """PrestaShop prints them raw in XML (not well-formed) and escaped in
        JSON: lists and single reads, in both formats, come back without
        them; tab and newline stay."""
        store = self.sandbox.store
        store.get("addresses", 1)["address1"] = "12 rue des Lilas\x0bBât. B"
        store.get("addresses", 1)["other"] = "a\tb\nc\x7f"
        store.get("orders", 5)["gift_message"] = "Bon anniversaire\x1f Maman\x00"
        self.assertEqual(
            self.client.read("addresses", 1)["address1"], "12 rue des LilasBât. B"
        )
        for fmt in ("xml", "json"):
            (address,) = self.client.list("addresses", {"filter[id]": "[1]"}, fmt=fmt)
            self.assertEqual(address["address1"], "12 rue des LilasBât. B", fmt)
            self.assertEqual(address["other"], "a\tb\nc", fmt)
            (order,) = self.client.list("orders", {"filter[id]": "[5]"}, fmt=fmt)
            self.assertEqual(order["gift_message"], "Bon anniversaire Maman", fmt)
        self.assertEqual(
            self.client.read("orders", 5)["gift_message"], "Bon anniversaire Maman"
        )
        single_json = self.client.get_json("orders/5")
        self.assertEqual(single_json["order"]["gift_message"], "Bon anniversaire Maman")
        # a JSON answer whose only control character is DEL (json_encode
        # writes it as itself, not escaped)
        store.get("orders", 5)["gift_message"] = "Merci\x7f"
        (order,) = self.client.list("orders", {"filter[id]": "[5]"}, fmt="json")
        self.assertEqual(order["gift_message"], "Merci")
        self.assertEqual(
            [r.status for r in self.sandbox.requests],
            [200] * len(self.sandbox.requests),
        )

    def test_php_notice_before_the_answer(self):
        """Read past a notice and say so in the log; a notice with no readable
        answer after it is permanent, not "the shop is down"."""
        self.sandbox.faults.notice_next(1)
        with self.assertLogs(
            "odoo.addons.connector_prestashop.components.webservice", "WARNING"
        ) as logs:
            record = self.client.read("languages", 1)
        self.assertEqual(record["id"], "1")
        self.assertIn("Undefined index: id_shop", logs.output[0])
        self.sandbox.faults.notice_next(1)
        self.assertTrue(self.client.list("languages", fmt="json"))
        self.sandbox.faults.notice_next(1, cut=True)
        with self.assertRaises(PrestaShopSetupError) as cm:
            self.client.read("languages", 1)
        self.assertFalse(cm.exception.retryable)
        self.assertEqual(cm.exception.kind, "php_notice")
        self.assertIn("display_errors", cm.exception.message)
        self.assertIn("Undefined index: id_shop", cm.exception.message)
        # a garbled answer without a notice is still retried
        self.sandbox.faults.malformed_next(1)
        with self.assertRaises(PrestaShopNetworkError):
            self.client.read("languages", 1)

    def test_permission_missing_on_one_resource(self):
        """401 error 26 and 405 error 25 name the resource and the method,
        not the key."""
        self.sandbox.deny("order_carriers")
        self.sandbox.deny("orders", "PUT")
        with self.assertRaises(PrestaShopPermissionError) as cm:
            self.client.list("order_carriers", {"filter[id_order]": "[1]"})
        err = cm.exception
        self.assertEqual((err.status, err.code), (401, 26))
        self.assertEqual((err.method, err.resource), ("GET", "order_carriers"))
        self.assertIn("no GET permission on order_carriers", err.message)
        self.assertIn("Advanced Parameters > Webservice > the key", err.message)
        self.assertNotIsInstance(err, PrestaShopAuthError)
        order = self.client.read("orders", 1)
        with self.assertRaises(PrestaShopPermissionError) as cm:
            self.client.update("orders", "order", 1, order)
        self.assertEqual((cm.exception.status, cm.exception.code), (405, 25))
        self.assertIn("no PUT permission on orders", cm.exception.message)
        self.assertEqual(self.sandbox.requests[-1].status, 405)

    def test_wrong_shop_url(self):
        """A URL where something else answers, and one where nothing does:
        both name the URL; neither promises a retry (the caller decides)."""
        wrong = PrestaShopClient(self.sandbox.url + "/boutique", TEST_KEY, timeout=2)
        self.addCleanup(wrong.close)
        with self.assertRaises(PrestaShopSetupError) as cm:
            wrong.request("GET", "")
        self.assertEqual(cm.exception.kind, "not_webservice")
        self.assertIn(f"{self.sandbox.url}/boutique/api/", cm.exception.message)
        self.assertIn("Shop URL", cm.exception.message)
        with self.assertRaises(PrestaShopSetupError):
            wrong.read("products", 1)
        nowhere = PrestaShopClient("http://127.0.0.1:9", TEST_KEY, timeout=2)
        self.addCleanup(nowhere.close)
        with self.assertRaises(PrestaShopNetworkError) as cm:
            nowhere.request("GET", "")
        self.assertIn("GET http://127.0.0.1:9/api/ ", cm.exception.message)
        self.assertNotIn("retried", cm.exception.message)
