# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exporters: Odoo -> PrestaShop, built on connector's ``generic.exporter``
(row lock on the binding, dependencies first, bind, commit)."""

from odoo.addons.component.core import AbstractComponent


class PrestashopExporter(AbstractComponent):
    _name = "prestashop.exporter"
    _inherit = ["prestashop.base", "generic.exporter"]
    _usage = "record.exporter"
    _default_binding_field = "prestashop_bind_ids"

    def _create(self, data):
        record = self.backend_adapter.create(data)
        return int(record["id"])

    def _update(self, data):
        self.backend_adapter.write(self.external_id, data)
