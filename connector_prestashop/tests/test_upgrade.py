# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The 18.0.1.2.0 migration, run on a database as 18.0.1.1.0 left it."""

import importlib.util
import json
from pathlib import Path

from odoo.tests import tagged

from .test_orders import OrderCase

MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.2.0" / "post-migration.py"
)


def load_migration():
    spec = importlib.util.spec_from_file_location("post_migration_1_2", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestUpgradeTo12(OrderCase):
    def test_customer_groups_and_queued_jobs_migrated(self):
        cr = self.env.cr
        # what 18.0.1.1.0 kept: the groups as JSON on the backend
        cr.execute(
            "ALTER TABLE prestashop_backend ADD COLUMN customer_group_names text, "
            "ADD COLUMN customer_group_display text"
        )
        cr.execute(
            "UPDATE prestashop_backend SET customer_group_names = %s, "
            "customer_group_display = %s WHERE id = %s",
            (
                json.dumps({"3": "Customer", "4": "Professionals"}),
                json.dumps({"3": 0, "4": 1}),
                self.backend.id,
            ),
        )
        Group = self.env["prestashop.customer.group"]
        # 18.0.1.1.0 had no group binding but the catalog's (the metadata
        # of the test class made some: gone)
        Group.search([("backend_id", "=", self.backend.id)]).unlink()
        # a group the catalog bound before (a pricelist's), unnamed
        bound = Group.with_context(connector_no_export=True).create(
            {"backend_id": self.backend.id, "prestashop_id": 4}
        )
        self.assertTrue(bound.ps_tax_included)  # the new column's default
        # a job queued by the former "Import one order" wizard
        self.env["prestashop.sale.order"].with_delay().import_record(
            self.backend, 1, force=True
        )
        job = self.env["queue.job"].search([], order="id desc", limit=1)
        self.assertEqual(job.kwargs, {"force": True})
        # the shipped workflow as 18.0.1.1.0 shipped it
        workflow = self.env.ref("connector_prestashop.sale_workflow_prestashop_paid")
        workflow.create_invoice_filter_id = self.env.ref(
            "sale_automatic_workflow.automatic_workflow_create_invoice_filter"
        )
        load_migration().migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        groups = {
            g.prestashop_id: g
            for g in Group.search([("backend_id", "=", self.backend.id)])
        }
        self.assertEqual(set(groups), {3, 4})
        self.assertEqual(groups[4], bound)
        self.assertFalse(bound.ps_tax_included)  # B2B: tax excluded
        self.assertEqual(bound.name, "Professionals")
        self.assertTrue(groups[3].ps_tax_included)
        self.assertFalse(self.backend._prestashop_group_tax_included(4))
        self.assertEqual(job.kwargs, {})
        self.assertEqual(
            workflow.create_invoice_filter_id,
            self.env.ref("connector_prestashop.workflow_create_invoice_filter"),
        )
        jobs = self.run_pending_jobs()
        self.assertEqual(jobs.mapped("state"), ["done"], jobs.mapped("exc_info"))
        self.assertTrue(self.binding(1))
