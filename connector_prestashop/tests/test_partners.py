# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What real shops send about people: one person with a guest checkout and an
account (one partner, named by the account), control characters in the
texts, shop languages Odoo has but does not use."""

from odoo.tests import tagged

from .common import PrestashopTestCase
from .test_orders import OrderCase

GUEST, ACCOUNT = 5, 6  # the demo shop's guest checkout and account of one person
GUEST_ORDER, ACCOUNT_ORDER = 5, 6


@tagged("post_install", "-at_install")
class TestOnePersonOneName(OrderCase):
    """Issue 12, point 3: the guest "Guest Buyer" ordered with
    ``PUB@Prestashop.com`` before John DOE's account ``pub@prestashop.com``
    was imported."""

    def setUp(self):
        super().setUp()
        store = self.sandbox.store
        store.get("customers", GUEST).update(
            firstname="Guest", lastname="Buyer", email="PUB@Prestashop.com"
        )
        store.get("customers", ACCOUNT).update(
            firstname="John", lastname="DOE", email="pub@prestashop.com"
        )
        self.Customer = self.env["prestashop.res.partner"]

    def partners(self):
        return self.env["res.partner"].search(
            [("email_normalized", "=", "pub@prestashop.com")]
        )

    def test_guest_order_first_then_the_account_names_the_partner(self):
        self.import_order(GUEST_ORDER)
        partner = self.binding(GUEST_ORDER).partner_id
        self.assertEqual(partner.name, "Guest Buyer")
        self.sandbox.set_order_state(ACCOUNT_ORDER, 2)
        self.import_order(ACCOUNT_ORDER)
        self.assertEqual(self.binding(ACCOUNT_ORDER).partner_id, partner)
        self.assertEqual(self.partners(), partner)
        self.assertEqual(
            (partner.name, partner.email), ("John DOE", "pub@prestashop.com")
        )
        self.assertEqual(
            sorted(partner.prestashop_bind_ids.mapped("is_guest")), [False, True]
        )
        # a later guest checkout attaches without renaming
        new_id = self.sandbox.place_order(GUEST, [(5, 0, 1)], 3)
        self.import_order(new_id)
        self.assertEqual(self.binding(new_id).partner_id, partner)
        self.assertEqual(
            (partner.name, partner.email), ("John DOE", "pub@prestashop.com")
        )

    def test_customer_import_guest_first(self):
        self.Customer.import_record(self.backend, GUEST)
        self.Customer.import_record(self.backend, ACCOUNT)
        partner = self.partners()
        self.assertEqual(len(partner), 1)
        self.assertEqual(len(partner.prestashop_bind_ids), 2)
        self.assertEqual(
            (partner.name, partner.email), ("John DOE", "pub@prestashop.com")
        )
        self.assertEqual(
            [r.path for r in self.sent("GET") if r.path.startswith("customers")],
            [f"customers/{GUEST}", f"customers/{ACCOUNT}"],
        )

    def test_account_first_then_guest(self):
        self.Customer.import_record(self.backend, ACCOUNT)
        self.Customer.import_record(self.backend, GUEST)
        partner = self.partners()
        self.assertEqual(len(partner.prestashop_bind_ids), 2)
        self.assertEqual(
            (partner.name, partner.email), ("John DOE", "pub@prestashop.com")
        )

    def test_partner_odoo_had_keeps_its_name(self):
        """Odoo is the master of the customers it had: neither the guest nor
        the account renames them."""
        partner = self.env["res.partner"].create(
            {"name": "J. Doe (Odoo)", "email": "pub@prestashop.com"}
        )
        self.Customer.import_record(self.backend, GUEST)
        self.Customer.import_record(self.backend, ACCOUNT)
        self.assertEqual(self.partners(), partner)
        self.assertEqual(partner.name, "J. Doe (Odoo)")
        self.assertEqual(len(partner.prestashop_bind_ids), 2)

    # -- refunds: a guest cannot log in to use a voucher -------------------------------
    def refund_order(self, order_id):
        self.backend._prestashop_backflow_set_defaults()
        self.import_order(order_id)
        invoice = self.binding(order_id).odoo_id.invoice_ids
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.action_post()
        self.sandbox.clear_log()
        self.run_pending_jobs()
        return refund

    def test_guest_refund_becomes_an_order_slip(self):
        self.assertEqual(self.backend.refund_mode, "voucher")
        refund = self.refund_order(GUEST_ORDER)
        self.assertEqual(refund.prestashop_refund_ids.ps_resource, "order_slip")
        slips = self.sandbox.store.search("order_slip", id_order=GUEST_ORDER)
        self.assertEqual(len(slips), 1)
        self.assertEqual(int(slips[0]["id_customer"]), GUEST)
        self.assertFalse(self.sent("POST", "cart_rules"))
        self.assertEqual(len(self.sent("POST", "order_slip")), 1)

    def test_guest_refund_as_the_backend_says(self):
        self.backend.guest_refund_mode = "voucher"
        refund = self.refund_order(GUEST_ORDER)
        self.assertEqual(refund.prestashop_refund_ids.ps_resource, "cart_rules")
        self.assertEqual(len(self.sent("POST", "cart_rules")), 1)
        self.assertFalse(self.sent("POST", "order_slip"))

    def test_account_refund_stays_a_voucher(self):
        refund = self.refund_order(1)
        self.assertEqual(refund.prestashop_refund_ids.ps_resource, "cart_rules")
        self.assertFalse(self.sent("POST", "order_slip"))


@tagged("post_install", "-at_install")
class TestControlCharacters(OrderCase):
    """Issue 12, point 4: a vertical tab in an address, a unit separator in
    a gift message (as typed or pasted in the shop) import cleanly."""

    def test_address_and_gift_message(self):
        store = self.sandbox.store
        store.get("addresses", 8)["address1"] = "12 rue des Lilas\x0bBât. B"
        store.get("orders", GUEST_ORDER)["gift_message"] = (
            "Joyeux anniversaire\x1f Maman\x7f !"
        )
        self.import_order(GUEST_ORDER)
        order = self.binding(GUEST_ORDER).odoo_id
        self.assertEqual(order.partner_shipping_id.street, "12 rue des LilasBât. B")
        self.assertIn("Joyeux anniversaire Maman !", str(order.note))
        for text in (order.partner_shipping_id.street, str(order.note)):
            self.assertFalse({"\x0b", "\x1f", "\x7f"} & set(text), repr(text))
        self.assertEqual(
            [r.status for r in self.sandbox.requests if r.status != 200], []
        )


@tagged("post_install", "-at_install")
class TestInactiveLanguage(PrestashopTestCase):
    """Issue 12, point 10: a shop language mapped to an Odoo language that is
    not active is shown as "activate it"."""

    def test_shown_then_activated(self):
        fr = self.env.ref("base.lang_fr").with_context(active_test=False)
        if fr.active:
            fr.active = False
        self.env["prestashop.res.lang"].import_batch(self.backend)
        binding = self.backend.lang_ids.filtered(lambda b: b.language_code == "fr-fr")
        self.assertEqual(binding.odoo_id, fr)
        self.assertFalse(binding.odoo_active)
        self.backend.invalidate_recordset(["unmapped_summary", "unmapped_count"])
        self.assertIn("Languages to activate in Odoo", self.backend.unmapped_summary)
        self.assertIn(binding.display_name, self.backend.unmapped_summary)
        binding.action_activate_odoo_lang()
        self.assertTrue(fr.active)
        self.backend.invalidate_recordset(["unmapped_summary", "unmapped_count"])
        self.assertNotIn("Languages to activate", self.backend.unmapped_summary or "")
