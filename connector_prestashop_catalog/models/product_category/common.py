# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrestashopProductCategory(models.Model):
    """Export side of the category binding (the model and its adapter are
    in connector_prestashop, which imports the categories)."""

    _inherit = "prestashop.product.category"

    ps_sync_hash = fields.Json(copy=False)


class PrestashopBackend(models.Model):
    """Where Odoo's category tree meets the shop's."""

    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    def _ps_is_home_category(self, categ):
        """Whether the Odoo category ``categ`` is the shop's Home: the
        backend's "Parent of Imported Categories" (Odoo's "All" by default),
        under which the initial migration imports Home's children.  Odoo's
        "All" is Home whatever the backend names: it is Odoo's technical
        root, and a category "All" in the shop's menu would hold nothing
        but other categories."""
        self.ensure_one()
        return bool(categ) and (
            categ == self._prestashop_category_parent()
            or categ == self.env.ref("product.product_category_all", False)
        )

    def _ps_category_id(self, categ):
        """PrestaShop id of the Odoo category ``categ`` for the export (int,
        0 when it is not on the shop yet): the backend's home category
        (``ps_home_category_id``) for no category and for Odoo's root."""
        self.ensure_one()
        if not categ or self._ps_is_home_category(categ):
            return self.ps_home_category_id
        binding = categ.prestashop_bind_ids.filtered(lambda b: b.backend_id == self)
        return binding[:1].prestashop_id
