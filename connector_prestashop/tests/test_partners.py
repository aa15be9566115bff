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


ES, IT = 6, 10  # the demo shop's Spain and Italy (a standard install's ids)


@tagged("post_install", "-at_install")
class TestVatNumbers(OrderCase):
    """Issue 11, point 6: an address's VAT number (or, when empty, its dni)
    is stored with its country's VAT prefix; one Odoo refuses is noted and
    gets one "To Do" activity, and never stops an order import."""

    def add_address(self, customer, country, **values):
        """A new address of ``customer`` in ``country`` (values as the shop's
        form sends them); its id."""
        store = self.sandbox.store
        base = store.search("addresses", id_customer=customer)[0]
        values = (
            dict(
                base,
                id=None,
                id_country=country,
                id_state=0,
                address1="Calle Mayor 1" if country == ES else "Via Roma 1",
                postcode="28013" if country == ES else "00184",
                city="Madrid" if country == ES else "Roma",
                vat_number="",
                dni="",
            )
            | values
        )
        return store.create("addresses", values)

    def import_address(self, address_id):
        Address = self.env["prestashop.address"]
        Address.import_record(self.backend, address_id)
        binding = Address.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", address_id)]
        )
        self.assertTrue(binding)
        return binding.odoo_id.parent_id

    def notes(self, partner):
        return [str(m.body) for m in partner.message_ids if "VAT" in str(m.body)]

    def vat_activities(self, partner):
        return partner.activity_ids.filtered(
            lambda a: a.summary == "Check the VAT number"
        )

    def test_vat_number_gets_the_country_prefix(self):
        partner = self.import_address(self.add_address(1, ES, vat_number="B12345674"))
        self.assertEqual(partner.vat, "ESB12345674")
        # typed with the prefix, spaces, dots and dashes
        partner = self.import_address(
            self.add_address(3, ES, vat_number="es B-1234.5674")
        )
        self.assertEqual(partner.vat, "ESB12345674")
        # another EU country's number keeps its own prefix
        partner = self.import_address(
            self.add_address(7, ES, company="Atelier", vat_number="FR39851234567")
        )
        self.assertEqual(partner.vat, "FR39851234567")
        for partner in self.env["prestashop.address"].search([]).odoo_id.parent_id:
            self.assertFalse(self.vat_activities(partner))
            self.assertFalse(self.notes(partner))

    def test_greek_prefix_is_el(self):
        greece = self.env.ref("base.gr")
        with self.backend.work_on("prestashop.address") as work:
            importer = work.component(usage="record.importer")
            self.assertEqual(
                importer._vat_with_prefix("094 014 201", greece), "EL094014201"
            )
            self.assertEqual(
                importer._vat_with_prefix("EL094014201", greece), "EL094014201"
            )
            # outside the EU only compacted (base_vat checks it against the
            # country, without a prefix)
            self.assertEqual(
                importer._vat_with_prefix("12-3456789", self.env.ref("base.us")),
                "123456789",
            )

    def test_dni_when_no_vat_number(self):
        # an Italian company's partita IVA, a Spanish private person's NIF
        company = self.import_address(
            self.add_address(1, IT, company="Ceramiche Rossi", dni="00743110157")
        )
        self.assertEqual(company.vat, "IT00743110157")
        person = self.import_address(self.add_address(3, ES, dni="12345678-Z"))
        self.assertEqual(person.vat, "ES12345678Z")
        # a private person's codice fiscale is no VAT number: left alone
        person = self.import_address(self.add_address(7, IT, dni="RSSMRA85T10A562S"))
        self.assertFalse(person.vat)
        self.assertFalse(self.notes(person))
        self.assertFalse(self.vat_activities(person))
        # the VAT number wins over the dni
        self.env["res.partner"].search([("vat", "!=", False)]).vat = False
        partner = self.import_address(
            self.add_address(1, ES, vat_number="B12345674", dni="12345678Z")
        )
        self.assertEqual(partner.vat, "ESB12345674")

    def test_invalid_number_noted_with_one_activity(self):
        # the backend set up by the administrator (imports run as OdooBot)
        admin = self.env.ref("base.user_admin")
        self.env.cr.execute(
            "UPDATE prestashop_backend SET create_uid = %s WHERE id = %s",
            (admin.id, self.backend.id),
        )
        self.backend.invalidate_recordset(["create_uid"])
        address_id = self.add_address(
            1, ES, company="Martin SL", vat_number="B12345670"
        )
        partner = self.import_address(address_id)
        self.assertFalse(partner.vat)
        notes = self.notes(partner)
        self.assertEqual(len(notes), 1)
        self.assertIn("ESB12345670", notes[0])
        activity = self.vat_activities(partner)
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(activity.user_id, admin)
        self.assertIn("ESB12345670", str(activity.note))
        # imported again: nothing said twice
        self.import_address(address_id)
        self.assertEqual(len(self.notes(partner)), 1)
        self.assertEqual(len(self.vat_activities(partner)), 1)
        # another wrong number: noted, the open activity is enough
        self.import_address(self.add_address(1, ES, dni="B-1234-5671", company="SL"))
        self.assertEqual(len(self.notes(partner)), 2)
        self.assertEqual(len(self.vat_activities(partner)), 1)

    def test_invalid_number_does_not_stop_the_order(self):
        address_id = self.add_address(
            1, ES, company="Martin SL", vat_number="B12345670"
        )
        order_id = self.sandbox.place_order(
            1, [(5, 0, 1)], 3, id_address_delivery=address_id
        )
        self.import_order(order_id)
        order = self.binding(order_id).odoo_id
        self.assertTrue(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_shipping_id.country_id.code, "ES")
        partner = order.partner_id
        self.assertFalse(partner.vat)
        self.assertEqual(len(self.notes(partner)), 1)
        self.assertEqual(len(self.vat_activities(partner)), 1)
