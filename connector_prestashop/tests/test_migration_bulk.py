# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration in chunks (issue 18): customers and products are
queued a chunk per job (``import_records``) and created together, with the
outcome of one job per record: one partner per e-mail, one product per
reference, the same contacts; a record that fails in a chunk gets a job of
its own and the others are imported."""

from contextlib import nullcontext
from unittest.mock import patch

from odoo import models
from odoo.tests import new_test_user, tagged

from odoo.addons.connector.database import pg_try_advisory_lock

from ..components.binder import PrestashopBinder
from ..components.core import PrestashopBase
from ..models.res_partner.importer import PartnerBatchImporter
from .test_orders import OrderCase

GUEST, ACCOUNT = 5, 6  # the demo shop's guest checkout and account of one person


@tagged("post_install", "-at_install")
class TestBulkMigration(OrderCase):
    def _jobs(self, model, method):
        return self.env["queue.job"].search(
            [("model_name", "=", model), ("method_name", "=", method)], order="id"
        )

    def _bindings(self, model):
        return self.env[model].search([("backend_id", "=", self.backend.id)])

    def _run_all(self):
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def test_customers_one_chunk_job(self):
        """The demo's 7 customers (the GDPR anonymous one left out) in one
        job, with their addresses: the contacts of a customer imported
        alone, no request from the job."""
        Customer = self.env["prestashop.res.partner"]
        Customer.import_batch(self.backend)
        self.assertFalse(self._jobs("prestashop.res.partner", "import_record"))
        chunk = self._jobs("prestashop.res.partner", "import_records")
        self.assertEqual(len(chunk), 1)
        self.assertEqual(
            sorted(int(r["id"]) for r in chunk.args[1]), [1, 2, 3, 4, 5, 6, 7]
        )
        self.assertEqual(chunk.name, "Import PrestaShop customers 1 to 7 (7)")
        self.sandbox.clear_log()
        self._run_all()
        self.assertEqual(self.sandbox.requests, [])
        bindings = self._bindings("prestashop.res.partner")
        self.assertEqual(
            sorted(bindings.mapped("prestashop_id")), [1, 2, 3, 4, 5, 6, 7]
        )
        sophie = bindings.filtered(lambda b: b.prestashop_id == 4).odoo_id
        self.assertEqual(len(sophie.child_ids), 2)
        self.assertTrue(all(sophie.child_ids.mapped("street")))
        addresses = self._bindings("prestashop.address")
        # every address but the deleted one (id 2), each under its customer
        self.assertNotIn(2, addresses.mapped("prestashop_id"))
        # Jean Dupont's guest checkout (5) and account (6), one partner, gave
        # the same place twice (9 rue Kervégan / 9, rue Kervégan): one
        # contact, both addresses bound to it, as one job per record gives
        jean = bindings.filtered(lambda b: b.prestashop_id in (5, 6)).odoo_id
        self.assertEqual(len(jean), 1)
        self.assertEqual(len(jean.child_ids), 1, jean.child_ids.mapped("street"))
        self.assertEqual(
            sorted(jean.child_ids.prestashop_address_bind_ids.mapped("prestashop_id")),
            [8, 9],
        )
        for address in addresses:
            self.assertEqual(
                address.odoo_id.parent_id, address.prestashop_partner_id.odoo_id
            )
        # the import's result says what it did; its related action opens
        # the partners it made
        self.assertIn("Imported 7", chunk.result)
        action = chunk.open_related_action()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(set(action["domain"][0][2]), set(bindings.odoo_id.ids))
        # imported again (the same chunk): nothing new, nothing twice
        count = self.env["res.partner"].search_count([])
        self.env.cr.execute("DELETE FROM queue_job")
        Customer.import_batch(self.backend)
        self._run_all()
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def _partners_seen(self, companies):
        """What the merchant reads of the imported customers and their
        contacts, in each of ``companies``: ``{key: {field: value}}``, a
        customer keyed by its PrestaShop id, a contact by its addresses'."""
        fnames = [
            "name",
            "lang",
            "type",
            "street",
            "street2",
            "zip",
            "city",
            "country_id",
            "state_id",
            "vat",
            "company_registry",
            "commercial_partner_id",
            "property_product_pricelist",
            "specific_property_product_pricelist",
        ]
        seen = {}
        self.env.invalidate_all()
        for company in companies:
            customers = self._bindings("prestashop.res.partner").with_company(company)
            for binding in customers:
                partner = binding.odoo_id
                items = [(("customer", binding.prestashop_id), partner)]
                for child in partner.child_ids:
                    ids = child.prestashop_address_bind_ids.mapped("prestashop_id")
                    items.append((("address", *sorted(ids)), child))
                for key, record in items:
                    seen[(company.name, *key)] = {
                        name: record[name].name
                        if isinstance(record[name], models.BaseModel)
                        else record[name]
                        for name in fnames
                    }
        return seen

    def _imported_two_ways(self, companies, prepare=None):
        """``(together, alone)``: what :meth:`_partners_seen` reads of the
        customers imported in chunks, then (that rolled back) with a job per
        customer, whose contacts are created one by one, each synced by
        ``res.partner.create``; ``prepare()`` runs before each."""
        seen = []
        for chunk_size in (None, 1):
            with self.env.cr.savepoint() as savepoint:
                if prepare:
                    prepare()
                with (
                    patch.object(PartnerBatchImporter, "_chunk_size", chunk_size)
                    if chunk_size
                    else nullcontext()
                ):
                    self.env["prestashop.res.partner"].import_batch(self.backend)
                chunks = self._jobs("prestashop.res.partner", "import_records")
                self.assertEqual(bool(chunks), not chunk_size)
                self._run_all()
                seen.append(self._partners_seen(companies))
                savepoint.rollback()
            self.env.invalidate_all()
        self.assertFalse(self._bindings("prestashop.res.partner"))
        return seen

    def _assert_same(self, together, alone):
        self.assertEqual(
            together,
            alone,
            {
                key: {
                    name: (value, alone.get(key, {}).get(name))
                    for name, value in values.items()
                    if value != alone.get(key, {}).get(name)
                }
                for key, values in together.items()
                if values != alone.get(key)
            },
        )

    def test_partner_without_address_takes_its_first_contacts(self):
        """A partner without an address gets that of its first contact,
        whether the contacts come together or one by one: an Odoo partner
        matched by e-mail (Thomas, two addresses), and a person whose guest
        checkout has no address left and whose account has two (Jean)."""
        store = self.sandbox.store
        store.get("addresses", 8).update(deleted="1")
        store.create(
            "addresses",
            dict(
                store.get("addresses", 9),
                id=None,
                address1="1 place du Bouffay",
                date_add="",
                date_upd="",
            ),
        )

        def prepare():
            self.env["res.partner"].create(
                {"name": "Thomas (Odoo)", "email": "thomas.bernard@example.org"}
            )
            # Camille, known to Odoo without an address, with a contact at
            # her shop address (bound to it, not created) and its own
            # pricelist: both left as they are
            address = store.get("addresses", 1)
            camille = self.env["res.partner"].create(
                {"name": "Camille M.", "email": "camille.martin@example.com"}
            )
            contact = self.env["res.partner"].create(
                {
                    "name": f"{address['firstname']} {address['lastname']}",
                    "parent_id": camille.id,
                    "type": "delivery",
                    "street": address["address1"],
                    "street2": address["address2"],
                    "zip": address["postcode"],
                    "city": address["city"],
                    "country_id": self.env.ref("base.fr").id,
                }
            )
            contact.specific_property_product_pricelist = self.env[
                "product.pricelist"
            ].create({"name": "Tarif du contact"})
            camille.write({"street": False, "zip": False, "city": False})

        together, alone = self._imported_two_ways(self.env.company, prepare)
        self._assert_same(together, alone)
        company = self.env.company.name
        self.assertFalse(together[(company, "customer", 1)]["street"])
        self.assertEqual(
            together[(company, "address", 1)]["property_product_pricelist"],
            "Tarif du contact",
        )
        self.assertEqual(
            together[(company, "customer", 2)]["street"], "27 quai Saint-Vincent"
        )
        self.assertEqual(
            together[(company, "customer", 6)]["street"], "9, rue Kervégan"
        )
        self.assertEqual(together[(company, "customer", 5)]["city"], "Nantes")

    def test_contacts_created_together_as_one_by_one(self):
        """Contacts created together (their sync with their customer done
        for all at once) come out as Odoo makes them one by one: the
        customer's commercial fields and pricelist in every company, its
        language, its address from its first contact."""
        other = self.env["res.company"].create({"name": "Maison Lumière Belgique"})
        companies = self.env.company | other
        # a country's pricelist (computed per partner) and a partner Odoo
        # had, with a pricelist of its own in each company
        belgium = self.env["res.country.group"].create(
            {"name": "Belgique", "country_ids": [(6, 0, self.env.ref("base.be").ids)]}
        )
        self.env["product.pricelist"].create(
            {"name": "Tarif Belgique", "country_group_ids": [(6, 0, belgium.ids)]}
        )
        camille = self.env["res.partner"].create(
            {"name": "Camille M.", "email": "camille.martin@example.com"}
        )
        for company, name in ((self.env.company, "Tarif A"), (other, "Tarif B")):
            pricelist = self.env["product.pricelist"].create({"name": name})
            camille.with_company(
                company
            ).specific_property_product_pricelist = pricelist
        together, alone = self._imported_two_ways(companies)
        self._assert_same(together, alone)
        # what is compared: Camille's contact has her pricelist in both
        # companies, Emily's Belgian contact the country's, every customer
        # the address of its first contact
        self.assertEqual(
            together[(other.name, "address", 1)]["property_product_pricelist"],
            "Tarif B",
        )
        self.assertEqual(
            together[(self.env.company.name, "address", 5)][
                "property_product_pricelist"
            ],
            "Tarif Belgique",
        )
        self.assertEqual(
            together[(self.env.company.name, "customer", 2)]["street"],
            "27 quai Saint-Vincent",
        )
        # 7 customers (a guest and an account share a partner), 8 contacts
        self.assertEqual(len(together), 2 * (7 + 8))

    def test_import_works_in_the_backend_company(self):
        """Pressed by a connector user working in another company (first in
        their allowed companies), the import puts the products' costs in
        the backend's company, in a chunk as in a product's own job."""
        other = self.env["res.company"].create({"name": "Autre société"})
        user = new_test_user(
            self.env,
            login="ps_migration_user",
            groups="base.group_user,connector.group_connector_manager",
            company_id=other.id,
            company_ids=[(6, 0, (other | self.env.company).ids)],
        )
        backend = self.backend.with_user(user).with_context(
            allowed_company_ids=[other.id, self.env.company.id]
        )
        backend.action_import_products()
        self._run_all()
        store = self.sandbox.store
        simple = self._bindings("prestashop.product.template").filtered(
            lambda b: float(store.get("products", b.prestashop_id)["wholesale_price"])
            and not store.get("products", b.prestashop_id)["associations"].get(
                "combinations"
            )
        )
        self.assertTrue(simple)
        # one product again, by its own job
        store.get("products", simple[0].prestashop_id)["wholesale_price"] = "1.25"
        self.env["prestashop.product.template"].with_user(user).with_context(
            allowed_company_ids=[other.id, self.env.company.id]
        ).with_delay().import_record(self.backend, simple[0].prestashop_id)
        self._run_all()
        for binding in simple:
            wholesale = float(
                store.get("products", binding.prestashop_id)["wholesale_price"]
            )
            variant = binding.odoo_id.product_variant_id
            self.assertAlmostEqual(
                variant.with_company(self.env.company).standard_price, wholesale, 6
            )
            self.assertFalse(variant.with_company(other).standard_price)

    def test_chunk_looks_its_categories_up_at_once(self):
        """A chunk of products looks the categories of all its products up
        before their imports (one search): the mappers find them among the
        job's look-ups, without a query; an unknown one is not kept."""
        primed = []
        prime = PrestashopBinder.prime

        def spy(binder, external_ids, unwrap=False):
            primed.append((binder.model._name, set(external_ids), unwrap))
            return prime(binder, external_ids, unwrap=unwrap)

        with patch.object(PrestashopBinder, "prime", spy):
            self.env["prestashop.product.template"].import_batch(self.backend)
            self._run_all()
        store = self.sandbox.store
        chunk = self._jobs("prestashop.product.template", "import_records")
        wanted = set()
        for record in chunk.args[1]:
            product = store.get("products", int(record["id"]))
            wanted.add(int(product["id_category_default"]))
            wanted |= {int(c["id"]) for c in product["associations"]["categories"]}
        self.assertIn(("prestashop.product.category", wanted, True), primed)
        categories = self._bindings("prestashop.product.category")
        self.assertTrue(categories)
        odoo_ids = {c.prestashop_id: c.odoo_id for c in categories}
        with self.backend.work_on("prestashop.product.template") as work:
            binder = work.component(
                usage="binder", model_name="prestashop.product.category"
            )
            binder.prime(list(odoo_ids) + [99999], unwrap=True)
            with self.assertQueryCount(0):
                found = {i: binder.to_internal(i, unwrap=True) for i in odoo_ids}
            self.assertEqual(found, odoo_ids)
            self.assertNotIn(
                ("binder", "prestashop.product.category", 99999, True),
                work.lookup_cache,
            )

    def test_email_lookup_uses_an_index(self):
        """The e-mail look-up of every customer imported is an index scan,
        not a scan of every partner (Odoo 18 has no index on it)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
            "AND indexdef LIKE '%%(email_normalized)%%'"
        )
        self.assertTrue(self.env.cr.fetchall())
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            "EXPLAIN SELECT 1 FROM res_partner WHERE email_normalized = %s "
            "AND parent_id IS NULL",
            ("pub@prestashop.com",),
        )
        plan = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("email_normalized", plan)
        self.assertNotIn("Seq Scan", plan)

    def test_one_page_per_job(self):
        """Each page of customers is read by a job of its own (2 requests:
        the customers, their addresses), which queues the next page's job:
        a shop of 50,000 customers never needs more requests in one job
        than the request budget allows."""
        with self.backend.work_on("prestashop.res.partner") as work:
            adapter_class = type(work.component(usage="backend.adapter"))
        with patch.object(adapter_class, "_page_size", 3):
            self.env["prestashop.res.partner"].import_batch(self.backend)
            customers = self.sent(path="customers")
            self.assertEqual(len(customers), 1)
            self.assertEqual(customers[0].query.get("limit"), "0,3")
            self.assertEqual(customers[0].query.get("sort"), "[id_ASC]")
            pages = self._jobs("prestashop.res.partner", "import_page")
            self.assertEqual(len(pages), 1)
            self.assertEqual(pages.args[1:], [{"sort": "[id_ASC]"}, 3])
            self._run_all()
        pages = self._jobs("prestashop.res.partner", "import_page")
        # pages at 3 and 6 (8 customers: the page at 6 is not full)
        self.assertEqual(sorted(p.args[2] for p in pages), [3, 6])
        self.assertEqual(
            [r.query.get("limit") for r in self.sent(path="customers")],
            ["0,3", "3,3", "6,3"],
        )
        self.assertEqual(len(self.sent(path="addresses")), 3)
        chunks = self._jobs("prestashop.res.partner", "import_records")
        self.assertEqual(len(chunks), 3)
        bindings = self._bindings("prestashop.res.partner")
        # every customer but the GDPR anonymous one (id 8)
        self.assertEqual(
            sorted(bindings.mapped("prestashop_id")), [1, 2, 3, 4, 5, 6, 7]
        )

    def test_one_partner_per_email_in_a_chunk(self):
        """A guest checkout and an account of one person in one chunk: one
        partner, named by the account (as when imported one by one)."""
        store = self.sandbox.store
        store.get("customers", GUEST).update(
            firstname="Guest", lastname="Buyer", email="PUB@Prestashop.com"
        )
        store.get("customers", ACCOUNT).update(
            firstname="John", lastname="DOE", email="pub@prestashop.com"
        )
        self.env["prestashop.res.partner"].import_batch(self.backend)
        self._run_all()
        partner = self.env["res.partner"].search(
            [("email_normalized", "=", "pub@prestashop.com"), ("parent_id", "=", False)]
        )
        self.assertEqual(len(partner), 1)
        self.assertEqual(partner.name, "John DOE")
        self.assertEqual(
            sorted(partner.prestashop_bind_ids.mapped("prestashop_id")),
            [GUEST, ACCOUNT],
        )

    def test_record_locked_elsewhere_gets_its_own_job(self):
        """A customer another worker is importing (its lock held, an order
        of that customer) is left to a job of its own; the chunk imports
        the others, and leaves that customer's e-mail alone (the other
        worker takes its lock next, not kept waiting until the chunk
        commits)."""
        lock = f"prestashop-import({self.backend.id},prestashop.res.partner,4)"
        email = self.sandbox.store.get("customers", 4)["email"].strip().lower()
        email_lock = f"prestashop-partner-email({self.backend.company_id.id},{email})"
        with self.env.registry.cursor() as other:
            env = self.env(cr=other)
            self.assertTrue(pg_try_advisory_lock(env, lock))
            self.env["prestashop.res.partner"].import_batch(self.backend)
            chunk = self._jobs("prestashop.res.partner", "import_records")
            self.run_job(chunk)
            self.assertEqual(chunk.state, "done")
            self.assertIn("in jobs of their own (failed here): 4", chunk.result)
            self.assertTrue(pg_try_advisory_lock(env, email_lock))
            imported = self._bindings("prestashop.res.partner").mapped("prestashop_id")
            self.assertEqual(sorted(imported), [1, 2, 3, 5, 6, 7])
            own = self._jobs("prestashop.res.partner", "import_record")
            self.assertEqual(len(own), 1)
            self.assertEqual(own.args[1], 4)
            # named and prioritised as the batch queues a record's own job
            self.assertEqual(own.name, "Import PrestaShop Customer 4 from PrestaShop")
            self.assertEqual(own.priority, 20)
            # the record's data went with it: no request to import it
            self.assertEqual(
                own.kwargs["data"]["email"], "sophie.lefevre@atelier-vauban.example"
            )
            other.rollback()  # the other worker is done: lock released
        self.sandbox.clear_log()
        self.run_job(own)
        self.assertEqual(own.state, "done", own.exc_info)
        self.assertEqual(self.sandbox.requests, [])
        sophie = self._bindings("prestashop.res.partner").filtered(
            lambda b: b.prestashop_id == 4
        )
        self.assertEqual(len(sophie.odoo_id.child_ids), 2)

    def test_chunk_looked_up_at_once(self):
        """A chunk looks its records up at once, not one by one: the
        bindings of its ids with one search, and what other transactions
        committed meanwhile with one query on a new cursor per kind (the
        customers' ids, their e-mails, the addresses' ids), whatever the
        chunk's size; only a record imported after the chunk's creation
        is looked up alone."""
        queries = []
        original = PrestashopBase.committed_meanwhile

        def spy(component, query):
            queries.append(component.env.cr._format(query))
            return original(component, query)

        customers_alone = []
        to_internal = PrestashopBinder.to_internal

        def binder_spy(binder, external_id, unwrap=False):
            if binder.model._name == "prestashop.res.partner":
                customers_alone.append(int(external_id))
            return to_internal(binder, external_id, unwrap=unwrap)

        self.env["prestashop.res.partner"].import_batch(self.backend)
        chunk = self._jobs("prestashop.res.partner", "import_records")
        with (
            patch.object(PrestashopBase, "committed_meanwhile", spy),
            patch.object(PrestashopBinder, "to_internal", binder_spy),
        ):
            self.run_job(chunk)
        self.assertEqual(chunk.state, "done", chunk.exc_info)
        # the customers (and the addresses' customers) from the look-ups,
        # but those of the two records imported alone: account 6, and the
        # customer of address 9
        address_9 = self.sandbox.store.get("addresses", 9)
        self.assertEqual(
            sorted(customers_alone), sorted([6, int(address_9["id_customer"])])
        )
        # in order: the customers' ids, their e-mails, alone after their
        # creation Jean Dupont's account 6 (his guest checkout 5 has its
        # e-mail), the addresses' ids, alone his address 9 (the same place
        # as 8)
        expected = [
            ('"prestashop_res_partner"', "ARRAY[1,2,3,4,5,6,7]"),
            ("email_normalized", "'sophie.lefevre@atelier-vauban.example'"),
            ('"prestashop_res_partner"', "ARRAY[6]"),
            ('"prestashop_address"', "ARRAY[1,3,4,5,6,7,8,9,10]"),
            ('"prestashop_address"', "ARRAY[9]"),
        ]
        self.assertEqual(len(queries), len(expected), queries)
        for query, parts in zip(queries, expected, strict=True):
            for part in parts:
                self.assertIn(part, query)
        self.assertEqual(
            len(self._bindings("prestashop.res.partner")), len(chunk.args[1])
        )

    def test_partner_committed_meanwhile_gets_its_own_job(self):
        """A partner with a customer's e-mail committed by another worker
        after the chunk's transaction began (this transaction does not see
        it): the customer is not created a second partner, it gets a job
        of its own (retried, it finds that partner); the others are
        imported."""
        email = "sophie.lefevre@atelier-vauban.example"
        self.env["prestashop.res.partner"].import_batch(self.backend)
        chunk = self._jobs("prestashop.res.partner", "import_records")
        with self.env.registry.cursor() as other:
            other.execute(
                "INSERT INTO res_partner (name, email, email_normalized, active, "
                "type, is_company, autopost_bills) VALUES "
                "('Sophie', %s, %s, true, 'contact', false, 'ask') RETURNING id",
                (email, email),
            )
            partner_id = other.fetchone()[0]
            other.commit()
        try:
            self.run_job(chunk)
            self.assertEqual(chunk.state, "done", chunk.exc_info)
            self.assertIn("in jobs of their own (failed here): 4", chunk.result)
            imported = self._bindings("prestashop.res.partner").mapped("prestashop_id")
            self.assertEqual(sorted(imported), [1, 2, 3, 5, 6, 7])
            self.assertFalse(
                self.env["res.partner"].search([("email_normalized", "=", email)])
            )
            own = self._jobs("prestashop.res.partner", "import_record")
            self.assertEqual(own.args[1], 4)
        finally:
            with self.env.registry.cursor() as other:
                other.execute("DELETE FROM res_partner WHERE id = %s", (partner_id,))
                other.commit()

    def _customer(self, prestashop_id):
        return self._bindings("prestashop.res.partner").filtered(
            lambda b: b.prestashop_id == prestashop_id
        )

    def test_update_in_chunk_gives_partner_its_email(self):
        """A known customer's update gives its partner back the e-mail
        Odoo had lost; a new customer of the same chunk with that e-mail
        is bound to that partner, not given a second one (as imported one
        by one: the chunk's look-up of that e-mail, made before, is not
        used)."""
        Customer = self.env["prestashop.res.partner"]
        Customer.import_batch(self.backend)
        self._run_all()
        store = self.sandbox.store
        first = store.get("customers", 1)
        email = first["email"].strip().lower()
        self._customer(1).odoo_id.email = False
        new_id = store.create(
            "customers",
            dict(first, id=None, firstname="Other", date_add="", date_upd=""),
        )
        self.env.cr.execute("DELETE FROM queue_job")
        Customer.import_batch(self.backend)
        self._run_all()
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("email_normalized", "=", email), ("parent_id", "=", False)])
        )
        self.assertEqual(len(partners), 1, partners.mapped("name"))
        self.assertEqual(self._customer(new_id).odoo_id, partners)
        self.assertEqual(self._customer(1).odoo_id, partners)

    def test_product_refused_by_odoo_gets_its_own_job(self):
        """A product Odoo refuses (the EAN13 of one of its combinations is a
        packaging's barcode: refused when its variants are made, after the
        chunk's templates were created together) leaves nothing: the
        chunk's other products are imported, it gets a job of its own,
        which fails saying why (Odoo's message)."""
        ean = next(
            c["ean13"]
            for c in self.sandbox.store.search("combinations")
            if int(c["id_product"]) == 1 and c.get("ean13")
        )
        product = self.env["product.product"].create({"name": "Other"})
        self.env["product.packaging"].create(
            {"name": "Box", "product_id": product.id, "barcode": ean}
        )
        self.env["prestashop.product.template"].import_batch(self.backend)
        chunks = self._jobs("prestashop.product.template", "import_records")
        self.assertEqual(len(chunks), 1)
        queued = sorted(int(r["id"]) for r in chunks.args[1])
        self.assertIn(1, queued)
        self.sandbox.clear_log()
        self.run_job(chunks)
        self.assertEqual(chunks.state, "done", chunks.exc_info)
        self.assertIn("in jobs of their own (failed here): 1", chunks.result)
        self.assertFalse(self.sent(method="POST") + self.sent(method="PUT"))
        imported = self._bindings("prestashop.product.template")
        self.assertEqual(
            sorted(imported.mapped("prestashop_id")), [i for i in queued if i != 1]
        )
        self.assertFalse(
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("default_code", "=like", "ML-DRAP-001%")])
        )
        # the others are whole: their combinations made
        self.assertTrue(self._bindings("prestashop.product.combination"))
        own = self._jobs("prestashop.product.template", "import_record")
        self.assertEqual(own.args[1], 1)
        self.run_job(own)
        self.assertEqual(own.state, "failed")
        self.assertIn("A packaging already uses the barcode", own.exc_info)

    def test_products_sharing_keys_keep_the_order(self):
        """Product 2 takes product 1's reference and product 3's EAN13: it
        waits for product 1's creation, and product 3, sharing only the
        EAN13 with it, waits behind it (a waiting record keeps its keys
        taken): 2 is imported as with one job per record (3 then meets
        2's barcode, as it would too).  Product 1's Odoo product, bound
        already, is not product 2's: each gets its own."""
        store = self.sandbox.store
        ean = store.get("products", 3)["ean13"]
        store.get("products", 2).update(reference="ML-DRAP-001", ean13=ean)
        self.env["prestashop.product.template"].import_batch(self.backend)
        chunk = self._jobs("prestashop.product.template", "import_records")
        self.run_job(chunk)
        self.assertEqual(chunk.state, "done", chunk.exc_info)
        bindings = self._bindings("prestashop.product.template")
        imported = bindings.mapped("prestashop_id")
        self.assertIn(1, imported)
        self.assertIn(2, imported)
        first, second = (
            bindings.filtered(lambda b, i=i: b.prestashop_id == i).odoo_id
            for i in (1, 2)
        )
        self.assertNotEqual(first, second)
        self.assertEqual(second.default_code, "ML-DRAP-001")
