# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if

from ..product_template.listener import VARIANT_FIELDS


class ProductProductListener(Component):
    """A variant created, edited or archived: its product is exported again
    (the combination is created, updated or removed)."""

    _name = "prestashop.product.product.catalog.listener"
    _inherit = "prestashop.catalog.listener.base"
    _apply_on = ["product.product"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_create(self, record, fields=None):
        self._queue(record.product_tmpl_id)

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and not set(fields) & (VARIANT_FIELDS | self._template_fields()):
            return
        self._queue(record.product_tmpl_id)

    # an import may remove records too (Odoo rebuilds a template's variants
    # when an attribute line is added): that is no order to delete on the shop
    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_unlink(self, record):
        # sudo: every company's shop (record rules hide the others')
        for binding in (
            record.sudo()
            .with_context(active_test=False)
            .prestashop_combination_bind_ids
        ):
            if binding.prestashop_id:
                binding.backend_id.with_delay(
                    priority=20,
                    identity_key=f"prestashop-delete-combination-"
                    f"{binding.backend_id.id}-{binding.prestashop_id}",
                ).delete_combination_on_prestashop(binding.prestashop_id)


class ProductTemplateAttributeValueListener(Component):
    """A price impact changed on an attribute value of a product."""

    _name = "prestashop.product.template.attribute.value.catalog.listener"
    _inherit = "prestashop.catalog.listener.base"
    _apply_on = ["product.template.attribute.value"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and "price_extra" not in fields:
            return
        self._queue(record.product_tmpl_id)
