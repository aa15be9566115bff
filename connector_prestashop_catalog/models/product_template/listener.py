# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Edits in Odoo queue a debounced export of the product, only when a field
that PrestaShop shows changed (the export mappers' ``changed_by`` fields)."""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.component_event import skip_if

#: template fields that matter besides the product mapper's (images,
#: variants, the combination mapper's)
TEMPLATE_EXTRA_FIELDS = {
    "image_1920",
    "attribute_line_ids",
    "product_variant_ids",
    "prestashop_extra_image_ids",
}
VARIANT_FIELDS = {
    "default_code",
    "barcode",
    "weight",
    "active",
    "image_variant_1920",
    "product_template_attribute_value_ids",
    "price_extra",
}


class CatalogListenerBase(AbstractComponent):
    _name = "prestashop.catalog.listener.base"
    _inherit = "base.connector.listener"

    def _mapper_fields(self, mapper_name):
        """``changed_by`` fields of an export mapper, without a backend."""
        cls = self.work.components_registry[mapper_name]
        return cls.changed_by_fields(cls)

    def _template_fields(self):
        return (
            self._mapper_fields("prestashop.product.template.export.mapper")
            | TEMPLATE_EXTRA_FIELDS
        )

    def _queue(self, templates):
        templates._prestashop_queue_exports()


class ProductTemplateListener(Component):
    _name = "prestashop.product.template.catalog.listener"
    _inherit = "prestashop.catalog.listener.base"
    _apply_on = ["product.template"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and not set(fields) & self._template_fields():
            return
        self._queue(record)

    # an import may remove records too (Odoo rebuilds a template's variants
    # when an attribute line is added): that is no order to delete on the shop
    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_unlink(self, record):
        # sudo: every company's shop (record rules hide the others')
        for binding in (
            record.sudo().with_context(active_test=False).prestashop_bind_ids
        ):
            if binding.prestashop_id:
                binding.backend_id.with_delay(
                    priority=20,
                    identity_key=f"prestashop-deactivate-{binding.backend_id.id}-"
                    f"{binding.prestashop_id}",
                ).deactivate_product_on_prestashop(binding.prestashop_id)


class ProductBindingListener(Component):
    """Publishing settings changed on the binding itself."""

    _name = "prestashop.product.template.binding.listener"
    _inherit = "prestashop.catalog.listener.base"
    _apply_on = ["prestashop.product.template"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and not set(fields) & (
            {"ps_published", "ps_visibility"} | self._template_fields()
        ):
            return
        record._queue_catalog_export()
