# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0:

* the shop's customer groups are bindings (``prestashop.customer.group``):
  the names and price display methods kept as JSON on the backend
  (``customer_group_names``, ``customer_group_display``, columns left by the
  removed fields) become bindings, and the groups the catalog addon bound
  already get the price side of their customers' orders (without it a B2B
  group would be read tax included until the next metadata
  synchronisation);
* ``import_record`` has no ``force`` argument any more: jobs queued with it
  (pending, failed, waiting) lose it, so that requeuing them works;
* the shipped workflow "PrestaShop: confirm and draft invoice" creates the
  invoice of a locked order too (Sales > "Lock Confirmed Sales"), as it did
  before it ran sale_automatic_workflow's steps."""

import json

from odoo import SUPERUSER_ID, api


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def migrate_customer_groups(env):
    """Bindings from the backend's former JSON columns, when they exist."""
    cr = env.cr
    if not (
        _column_exists(cr, "prestashop_backend", "customer_group_names")
        and _column_exists(cr, "prestashop_backend", "customer_group_display")
    ):
        return
    cr.execute(
        "SELECT id, customer_group_names, customer_group_display "
        "FROM prestashop_backend"
    )
    Group = env["prestashop.customer.group"].with_context(
        active_test=False, connector_no_export=True
    )
    for backend_id, names_json, display_json in cr.fetchall():
        names = {int(k): v for k, v in json.loads(names_json or "{}").items()}
        display = {int(k): v for k, v in json.loads(display_json or "{}").items()}
        for group_id in sorted(set(names) | set(display)):
            values = {"ps_tax_included": not int(display.get(group_id) or 0)}
            binding = Group.search(
                [("backend_id", "=", backend_id), ("prestashop_id", "=", group_id)]
            )
            if binding:
                if not binding.name and names.get(group_id):
                    values["name"] = names[group_id]
                binding.write(values)
            else:
                Group.create(
                    dict(
                        values,
                        backend_id=backend_id,
                        prestashop_id=group_id,
                        name=names.get(group_id) or str(group_id),
                    )
                )


def drop_force_argument(env):
    """Jobs of ``import_record`` queued with ``force`` (the former "Import
    one order" wizard), not done yet: without it.  (queue_job keeps the
    arguments as JSON text in a jsonb column: read and written through
    the model.)"""
    jobs = env["queue.job"].search(
        [
            ("model_name", "=like", "prestashop.%"),
            ("method_name", "=", "import_record"),
            ("state", "not in", ("done", "cancelled")),
        ]
    )
    for job in jobs:
        if "force" in (job.kwargs or {}):
            kwargs = dict(job.kwargs)
            kwargs.pop("force")
            # queue_job's own key to write a job's protected fields
            job.with_context(_job_edit_sentinel=job.EDIT_SENTINEL).write(
                {"kwargs": kwargs}
            )


def invoice_locked_orders(env):
    """The shipped workflow's invoice filter without ``locked = False``,
    unless the merchant chose another filter."""
    workflow = env.ref(
        "connector_prestashop.sale_workflow_prestashop_paid", raise_if_not_found=False
    )
    default = env.ref(
        "sale_automatic_workflow.automatic_workflow_create_invoice_filter",
        raise_if_not_found=False,
    )
    ours = env.ref(
        "connector_prestashop.workflow_create_invoice_filter", raise_if_not_found=False
    )
    if workflow and ours and workflow.create_invoice_filter_id == default:
        workflow.create_invoice_filter_id = ours


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    migrate_customer_groups(env)
    drop_force_argument(env)
    invoice_locked_orders(env)
