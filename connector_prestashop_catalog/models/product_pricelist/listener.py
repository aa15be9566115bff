# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if


class PricelistListener(Component):
    """A pricelist priced for a PrestaShop group changed: export it again."""

    _name = "prestashop.product.pricelist.listener"
    _inherit = "base.connector.listener"
    _apply_on = ["product.pricelist", "product.pricelist.item"]

    def _groups(self, record):
        pricelist = (
            record if record._name == "product.pricelist" else record.pricelist_id
        )
        # sudo: the groups of every company's backend (record rules hide
        # the others' from the user who changed the pricelist)
        return pricelist.sudo().prestashop_group_ids

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_create(self, record, fields=None):
        self._groups(record)._queue_catalog_export()

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        self._groups(record)._queue_catalog_export()

    # an import may remove records too (Odoo rebuilds a template's variants
    # when an attribute line is added): that is no order to delete on the shop
    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_unlink(self, record):
        self._groups(record)._queue_catalog_export()


class CustomerGroupListener(Component):
    """A pricelist newly given to a PrestaShop group is exported at once."""

    _name = "prestashop.customer.group.listener"
    _inherit = "base.connector.listener"
    _apply_on = ["prestashop.customer.group"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_create(self, record, fields=None):
        record._queue_catalog_export(delay=0)

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and "name" in fields:
            record._queue_catalog_export()
