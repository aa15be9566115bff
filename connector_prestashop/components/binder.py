# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component


class PrestashopBinder(Component):
    """Links PrestaShop ids (integers) and Odoo records, per backend.

    It applies to every binding model of the collection (no ``_apply_on``), so
    a new binding model needs no registration here."""

    _name = "prestashop.binder"
    _inherit = ["prestashop.base", "base.binder"]
    _external_field = "prestashop_id"

    def to_internal(self, external_id, unwrap=False):
        if isinstance(external_id, str) and external_id.strip().isdigit():
            external_id = int(external_id)
        return super().to_internal(external_id, unwrap=unwrap)

    def bind(self, external_id, binding):
        return super().bind(int(external_id), binding)
