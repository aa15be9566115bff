# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What comes from the shop is data (issue 16, points 7 and 8): XML answers
declaring entities are never expanded nor resolved, whatever the status of
the answer; what a customer typed shows in Odoo as text, never as HTML."""

import os
import tempfile
import time
import uuid

from lxml import html

from odoo.tests import tagged

from ..components.webservice import (
    PrestaShopClient,
    PrestaShopError,
    PrestaShopNetworkError,
    PrestaShopRequestError,
)
from .common import TEST_KEY, PrestashopTestCase
from .test_orders import OrderCase

GUEST_ORDER = 5  # the demo shop's guest order, a gift with a message
CH = 19  # the demo shop's Switzerland: outside the EU, only compacted

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>'


def external_entity(path, status=400):
    """A PrestaShop-looking document whose text is the content of ``path``
    when the parser resolves external entities: an error document, or a
    product for a success answer."""
    dtd = f'<!DOCTYPE prestashop [<!ENTITY xxe SYSTEM "file://{path}">]>'
    if status >= 400:
        inner = (
            "<errors><error><code><![CDATA[1]]></code>"
            "<message>&xxe;</message></error></errors>"
        )
    else:
        inner = "<product><id>1</id><reference>&xxe;</reference></product>"
    return f"{XML_HEAD}{dtd}<prestashop>{inner}</prestashop>"


def billion_laughs(status=200):
    """Ten levels of ten entities each: 10**9 "lol" once expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    if status >= 400:
        inner = (
            "<errors><error><code><![CDATA[1]]></code>"
            "<message>&lol9;</message></error></errors>"
        )
    else:
        inner = "<product><id>1</id><reference>&lol9;</reference></product>"
    return (
        f"{XML_HEAD}<!DOCTYPE prestashop [{entities}]><prestashop>{inner}</prestashop>"
    )


@tagged("post_install", "-at_install")
class TestHostileXml(PrestashopTestCase):
    """Point 7: one hardened parser for every XML body the client reads."""

    def setUp(self):
        super().setUp()
        self.client = PrestaShopClient(self.sandbox.url, TEST_KEY, timeout=2)
        self.addCleanup(self.client.close)
        self.marker = f"LOCAL-FILE-{uuid.uuid4().hex}"
        handle, self.secret_file = tempfile.mkstemp(prefix="ps_xxe_")
        with os.fdopen(handle, "w") as secret:
            secret.write(self.marker)
        self.addCleanup(os.unlink, self.secret_file)

    def assert_nothing_leaked(self, error):
        text = f"{error} {error.message!r} {error.__cause__!r}"
        self.assertNotIn(self.marker, text)
        self.assertNotIn("root:x:0:0", text)  # /etc/passwd
        self.assertNotIn("lollol", text)
        self.assertLess(len(text), 2000)

    def test_external_entity_in_an_error_document(self):
        for path in (self.secret_file, "/etc/passwd"):
            self.sandbox.faults.body_next(external_entity(path), status=400)
            with self.assertRaises(PrestaShopRequestError) as caught:
                self.client.create("tags", "tag", {"id_lang": 1, "name": "x"})
            self.assertEqual(caught.exception.status, 400)
            self.assertIsNone(caught.exception.code)  # no error document read
            self.assert_nothing_leaked(caught.exception)
        self.assertEqual(
            [(r.method, r.path, r.status) for r in self.sandbox.requests],
            [("POST", "tags", 400)] * 2,
        )
        # a 500 with the same document: not read as PrestaShop's either
        self.sandbox.faults.body_next(external_entity(self.secret_file), status=500)
        with self.assertRaises(PrestaShopError) as caught:
            self.client.read("products", 1)
        self.assertTrue(caught.exception.retryable)
        self.assert_nothing_leaked(caught.exception)

    def test_external_entity_in_an_answer(self):
        for call in (
            lambda: self.client.read("products", 1),
            lambda: self.client.list("products"),
            lambda: self.client.create("tags", "tag", {"id_lang": 1, "name": "x"}),
        ):
            self.sandbox.faults.body_next(external_entity(self.secret_file, 200))
            with self.assertRaises(PrestaShopNetworkError) as caught:
                call()
            self.assertIn("document type", caught.exception.message)
            self.assert_nothing_leaked(caught.exception)

    def test_entity_expansion(self):
        for status, error in ((200, PrestaShopNetworkError), (400, PrestaShopError)):
            self.sandbox.faults.body_next(billion_laughs(status), status=status)
            started = time.monotonic()
            with self.assertRaises(error) as caught:
                self.client.read("products", 1)
            self.assertLess(time.monotonic() - started, 5)
            self.assertEqual(caught.exception.status, None if status == 200 else 400)
            self.assert_nothing_leaked(caught.exception)

    def test_ordinary_answers_still_read(self):
        """Entities XML itself defines and character references are not
        declarations: still read."""
        self.sandbox.faults.body_next(
            f"{XML_HEAD}<prestashop><product><id>1</id>"
            "<reference>a &amp; b &lt;c&gt; &#233;</reference></product></prestashop>"
        )
        self.assertEqual(
            self.client.read("products", 1)["reference"], "a & b <c> \u00e9"
        )
        self.sandbox.faults.body_next(
            f"{XML_HEAD}<prestashop><errors><error><code><![CDATA[32]]></code>"
            "<message><![CDATA[Unable to filter]]></message></error></errors>"
            "</prestashop>",
            status=400,
        )
        with self.assertRaises(PrestaShopRequestError) as caught:
            self.client.read("products", 1)
        self.assertEqual(caught.exception.code, 32)
        self.assertIn("Unable to filter", caught.exception.message)

    def test_order_import_job_says_nothing_of_the_file(self):
        """Through the connector: the failed import's message, which users
        read on the job, holds no byte of the file."""
        self.backend.state = "ok"
        self.sandbox.faults.body_next(external_entity(self.secret_file), status=400)
        with self.assertRaises(Exception) as caught:  # noqa: B017 - any failure
            self.env["prestashop.sale.order"].import_record(self.backend, 1)
        text = f"{caught.exception} {caught.exception.args!r}"
        self.assertIn("HTTP 400", text)
        self.assertNotIn(self.marker, text)
        self.assertTrue(self.sandbox.requests)
        self.assertEqual(self.sandbox.requests[0].status, 400)


def elements(markup, *tags):
    """The ``tags`` elements of an HTML fragment (``Markup``, ``str``)."""
    root = html.fragment_fromstring(str(markup or ""), create_parent="div")
    return [el for el in root.iter(*tags)]


def text_of(markup):
    return html.fragment_fromstring(str(markup), create_parent="div").text_content()


@tagged("post_install", "-at_install")
class TestShopTextStaysText(OrderCase):
    """Point 8: the order note, the gift message and a refused VAT number
    are shown as typed, never as links or images."""

    NOTE = 'Call me <a href="http://evil.example/x">here</a>\nsecond line'
    GIFT = "<img src=http://evil.example/p.png>\nLove & kisses <b>Jean</b>"

    def test_note_and_gift_message(self):
        order_ps = self.sandbox.store.get("orders", GUEST_ORDER)
        order_ps.update(note=self.NOTE, gift=1, gift_message=self.GIFT)
        self.import_order(GUEST_ORDER)
        order = self.binding(GUEST_ORDER).odoo_id
        self.assertEqual(order.state, "sale")
        # the sale order's note: both texts literally, lines kept
        self.assertFalse(elements(order.note, "a", "img", "b"), order.note)
        shown = text_of(order.note)
        self.assertIn('Call me <a href="http://evil.example/x">here</a>', shown)
        self.assertIn("<img src=http://evil.example/p.png>", shown)
        self.assertIn("Love & kisses <b>Jean</b>", shown)
        self.assertEqual(len(elements(order.note, "br")), 3, order.note)
        # the delivery order: the gift message, literally
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertFalse(elements(picking.note, "a", "img", "b"), picking.note)
        self.assertIn("<img src=http://evil.example/p.png>", text_of(picking.note))
        self.assertEqual(len(elements(picking.note, "br")), 1, picking.note)
        # what the order carries on: invoice terms, chatter
        documents = [order.invoice_ids.narration] + order.message_ids.mapped("body")
        self.assertTrue(order.invoice_ids)
        for body in documents:
            self.assertFalse(
                [
                    el
                    for el in elements(body, "a", "img")
                    if "evil.example" in (el.get("href") or el.get("src") or "")
                ],
                body,
            )

    def test_refused_vat_number(self):
        """A VAT number typed as HTML is noted and given a To Do as text."""
        store = self.sandbox.store
        base = store.search("addresses", id_customer=1)[0]
        address_id = store.create(
            "addresses",
            dict(
                base,
                id=None,
                id_country=CH,
                id_state=0,
                postcode="8001",
                city="Zurich",
                company="Martin SL",
                vat_number="<img/src=http://evil.example/v.png>",
                dni="",
            ),
        )
        Address = self.env["prestashop.address"]
        Address.import_record(self.backend, address_id)
        partner = Address.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", address_id)]
        ).odoo_id.parent_id
        self.assertFalse(partner.vat)
        activity = partner.activity_ids.filtered(
            lambda a: a.summary == "Check the VAT number"
        )
        self.assertEqual(len(activity), 1)
        notes = [m.body for m in partner.message_ids if "VAT" in str(m.body)]
        self.assertEqual(len(notes), 1)
        for body in (activity.note, notes[0]):
            self.assertFalse(elements(body, "a", "img"), body)
            self.assertIn("<IMG/SRC=HTTP://EVILEXAMPLE/VPNG>", text_of(body))
