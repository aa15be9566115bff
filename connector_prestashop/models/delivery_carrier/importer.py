# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool, ps_int


class CarrierImportMapper(Component):
    _name = "prestashop.delivery.carrier.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.delivery.carrier"

    @mapping
    def values(self, record):
        return {
            "name": record.get("name") or str(record.get("id")),
            "id_reference": ps_int(record.get("id_reference")) or ps_int(record["id"]),
            "deleted": ps_bool(record.get("deleted")),
            "ps_active": ps_bool(record.get("active")),
        }


class CarrierBatchImporter(Component):
    _name = "prestashop.delivery.carrier.batch.importer"
    _inherit = "prestashop.direct.batch.importer"
    _apply_on = "prestashop.delivery.carrier"

    def run(self, filters=None):
        records = list(self.backend_adapter.search_read_all(filters))
        # current carriers first: their old copies then map to them
        records.sort(key=lambda r: (ps_bool(r.get("deleted")), -ps_int(r["id"])))
        for record in records:
            self._import_record(record)
        return len(records)


class CarrierImporter(Component):
    _name = "prestashop.delivery.carrier.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.delivery.carrier"

    def _match_existing(self, map_record):
        record = self.prestashop_record
        reference = ps_int(record.get("id_reference")) or ps_int(record["id"])
        sibling = self.model.search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("id_reference", "=", reference),
                ("odoo_id", "!=", False),
            ],
            limit=1,
        )
        if sibling:
            return sibling.odoo_id
        company = self.backend_record.company_id
        carrier = self.env["delivery.carrier"].search(
            [
                ("name", "=", record.get("name")),
                ("company_id", "in", [company.id, False]),
            ],
            limit=1,
        )
        if carrier or ps_bool(record.get("deleted")):
            return carrier
        return self._create_odoo_carrier(record)

    def _create_odoo_carrier(self, record):
        """A fixed-price Odoo carrier: the price of imported orders comes from
        PrestaShop, so the rate itself does not matter."""
        name = record.get("name") or str(record["id"])
        product = self.env["product.product"].create(
            {
                "name": _("Shipping: %s", name),
                "type": "service",
                "sale_ok": False,
                "purchase_ok": False,
                "list_price": 0.0,
                "invoice_policy": "order",
            }
        )
        return self.env["delivery.carrier"].create(
            {
                "name": name,
                "delivery_type": "fixed",
                "fixed_price": 0.0,
                "product_id": product.id,
                "company_id": self.backend_record.company_id.id,
            }
        )
