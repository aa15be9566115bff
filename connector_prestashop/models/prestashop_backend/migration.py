# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration settings and the one-off "Odoo stock from PrestaShop"
job (PrestaShop quantities -> inventory adjustment in Odoo)."""

import logging

from odoo import _, fields, models
from odoo.tools import float_compare

from ...components.mapper import ps_int

_logger = logging.getLogger(__name__)


class PrestashopBackend(models.Model):
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    product_category_parent_id = fields.Many2one(
        "product.category",
        string="Parent of Imported Categories",
        default=lambda self: self.env.ref(
            "product.product_category_all", raise_if_not_found=False
        ),
        help="Odoo category under which the top PrestaShop categories (the "
        "children of PrestaShop's root and home categories) are imported.",
    )

    def _prestashop_category_parent(self):
        self.ensure_one()
        return self.product_category_parent_id or self.env.ref(
            "product.product_category_all"
        )

    # -- Odoo stock from PrestaShop -------------------------------------------------
    def _initial_stock_variants(self):
        """``{(PrestaShop product id, combination id): product.product}`` of the
        bound storable variants."""
        self.ensure_one()
        variants = {}
        templates = (
            self.env["prestashop.product.template"]
            .with_context(active_test=False)
            .search([("backend_id", "=", self.id)])
        )
        for binding in templates:
            if binding.combination_ids:
                for comb in binding.combination_ids:
                    if comb.odoo_id.is_storable:
                        variants[(binding.prestashop_id, comb.prestashop_id)] = (
                            comb.odoo_id
                        )
            elif (
                len(binding.odoo_id.product_variant_ids) == 1
                and binding.odoo_id.is_storable
            ):
                variants[(binding.prestashop_id, 0)] = (
                    binding.odoo_id.product_variant_ids
                )
        return variants

    def import_initial_stock(self):
        """Job: set the Odoo stock of the bound storable variants, in the
        backend's warehouse, to the PrestaShop quantities (one inventory
        adjustment; the rows are read per 500 products)."""
        self.ensure_one()
        backend = self.sudo().with_company(self.company_id)
        variants = backend._initial_stock_variants()
        if not variants:
            return _("No bound storable product.")
        with backend.work_on("prestashop.stock.available") as work:
            adapter = work.component(usage="backend.adapter")
            rows = adapter.read_rows(sorted({key[0] for key in variants}))
        quantities = {}
        for row in rows:
            key = (
                ps_int(row.get("id_product")),
                ps_int(row.get("id_product_attribute")),
            )
            if key in variants and key not in quantities:
                quantities[key] = ps_int(row.get("quantity"))
        warehouse = backend.stock_warehouse_ids[:1] or backend.warehouse_id
        location = warehouse.lot_stock_id
        Quant = backend.env["stock.quant"].with_context(inventory_mode=True)
        quants = Quant.browse()
        for key, quantity in quantities.items():
            product = variants[key].with_context(warehouse_id=warehouse.id)
            delta = max(quantity, 0) - product.qty_available
            rounding = product.uom_id.rounding
            if not float_compare(delta, 0, precision_rounding=rounding):
                continue
            here = sum(Quant._gather(product, location, strict=True).mapped("quantity"))
            quants |= Quant.create(
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "inventory_quantity": here + delta,
                }
            )
        if quants:
            quants.action_apply_inventory()
        _logger.info(
            "prestashop backend %s: Odoo stock set from PrestaShop for %s "
            "products (%s changed)",
            self.id,
            len(quantities),
            len(quants),
        )
        return _(
            "Stock of %(count)s products read from PrestaShop, %(changed)s "
            "adjusted in %(warehouse)s.",
            count=len(quantities),
            changed=len(quants),
            warehouse=warehouse.name,
        )

    def action_import_initial_stock(self):
        for backend in self:
            backend.with_delay(
                priority=20,
                identity_key=f"prestashop-initial-stock-{backend.id}",
                description=_("Set Odoo stock from %s", backend.name),
            ).import_initial_stock()
        return self._prestashop_notify(
            _("Setting the Odoo stock from PrestaShop is queued: see Job Queue.")
        )
