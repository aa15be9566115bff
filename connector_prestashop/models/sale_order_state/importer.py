# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create

from ...components.mapper import ml_text, ps_bool


class OrderStateImportMapper(Component):
    """PrestaShop ``order_states`` -> ``prestashop.sale.order.state``.

    The merchant's choices (``import_order``, ``cancel_order``) are proposed
    at creation only: a re-import keeps what they changed."""

    _name = "prestashop.sale.order.state.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.sale.order.state"
    direct = [("module_name", "module_name")]

    def _template(self, record):
        """The state's e-mail template (``shipped``, ``order_canceled``,
        ``refund``...): a multi-language field in PrestaShop
        (``OrderState::$template``), the same in every language."""
        return ml_text(record.get("template"))

    @mapping
    def values(self, record):
        values = {"name": self.translated(record.get("name")) or str(record["id"])}
        for flag in ("paid", "shipped", "delivery", "invoice", "logable", "deleted"):
            values[flag] = ps_bool(record.get(flag))
        values["ps_template"] = self._template(record)
        return values

    @only_create
    @mapping
    def import_order(self, record):
        return {"import_order": ps_bool(record.get("paid"))}

    @only_create
    @mapping
    def cancel_order(self, record):
        return {"cancel_order": self._template(record) == "order_canceled"}


class OrderStateImporter(Component):
    _name = "prestashop.sale.order.state.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.sale.order.state"

    def _after_import(self, binding):
        result = super()._after_import(binding)
        # fill the back-flow mapping the merchant has not chosen yet
        binding.backend_id._prestashop_backflow_set_defaults()
        return result
