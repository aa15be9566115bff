# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""B2B prices: pricelist -> customer group (reduction) + specific prices."""

from odoo import _
from odoo.tools import config

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create
from odoo.addons.connector_prestashop.components.mapper import ps_int
from odoo.addons.queue_job.exception import FailedJobError

from ...components.exporter import value_hash

NO_DATE = "0000-00-00 00:00:00"


def group_reduction_item(pricelist):
    """The pricelist's rule that becomes the group reduction: a percentage
    on all products, from 1 unit, without dates (the first one)."""
    for item in pricelist.item_ids:
        if (
            item.applied_on == "3_global"
            and item.compute_price == "percentage"
            and (item.min_quantity or 0) <= 1
            and not item.date_start
            and not item.date_end
        ):
            return item
    return pricelist.item_ids.browse()


def global_discount(pricelist):
    """Percentage of the pricelist's rule on all products from 1 unit."""
    return group_reduction_item(pricelist).percent_price or 0.0


class CustomerGroupExportMapper(Component):
    _name = "prestashop.customer.group.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.customer.group"

    @changed_by("name")
    @mapping
    def name(self, record):
        name = (record.name or record.odoo_id.name)[:32]
        return {"name": {lang: name for lang, _code in self._languages()}}

    @mapping
    def reduction(self, record):
        return {"reduction": round(global_discount(record.odoo_id), 2)}

    @only_create
    @mapping
    def defaults(self, record):
        return {"price_display_method": 1, "show_prices": 1}


class CustomerGroupExporter(Component):
    _name = "prestashop.customer.group.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.customer.group"

    def _lookup_existing(self, data):
        """The shop's group of the binding's name (case left aside), or None.
        When the metadata synchronisation imported that group already (a
        binding of this backend without pricelist), this binding takes its
        place (the price display read again from the shop's record); a
        group another pricelist prices already is an error."""
        lang = self.backend_record._ps_lang_id()
        name = (data.get("name") or {}).get(lang, "").strip().lower()
        for record in self.backend_adapter.search_read():
            names = record.get("name")
            text = names.get(lang, "") if isinstance(names, dict) else names
            if (text or "").strip().lower() == name:
                group_id = int(record["id"])
                self._take_over_imported(group_id)
                # the price side of its customers' orders, as the shop says
                self.binding.with_context(connector_no_export=True).write(
                    {"ps_tax_included": not ps_int(record.get("price_display_method"))}
                )
                return group_id
        return None

    def _take_over_imported(self, group_id):
        """Make room for this binding on the shop's group ``group_id``: the
        binding the metadata import made for it, without pricelist, is
        replaced by this one."""
        other = self.model.search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("prestashop_id", "=", group_id),
                ("id", "!=", self.binding.id),
            ]
        )
        if not other:
            return
        if other.odoo_id:
            raise FailedJobError(
                _(
                    "The PrestaShop customer group '%(group)s' is priced by the "
                    "pricelist %(other)s already: a group gets one pricelist. "
                    "Remove it from one of the two pricelists (tab PrestaShop), "
                    "then requeue this job.",
                    group=other.name,
                    other=other.odoo_id.name,
                )
            )
        other.unlink()

    def _update(self, data):
        if not self.binding.prestashop_id:
            # bound to an existing group: keep its name and display settings
            data = {k: v for k, v in data.items() if k == "reduction"}
        return super()._update(data)

    def _create(self, data):
        """A group is created only when the binding says so: one made through
        the webservice has no module access (its customers see no payment
        method) and sees only the Home category."""
        name = next(iter((data.get("name") or {}).values()), "")
        if not self.binding.create_on_shop:
            raise FailedJobError(
                _(
                    "The shop %(backend)s has no customer group named "
                    "'%(name)s'. Create it in the PrestaShop back office "
                    "(Customers > Groups, with its payment modules and "
                    "categories) or enter the name of an existing group on the "
                    "pricelist %(pricelist)s (tab PrestaShop), or tick 'Create "
                    "on PrestaShop'; then requeue this job.",
                    backend=self.backend_record.name,
                    name=name,
                    pricelist=self.binding.odoo_id.name,
                )
            )
        group_id = super()._create(data)
        # created with prices tax excluded (defaults): its customers' orders
        # are imported so
        self.binding.with_context(connector_no_export=True).write(
            {"ps_tax_included": not ps_int(data.get("price_display_method"))}
        )
        self.binding.ps_setup_note = _(
            "The group '%(name)s' (id %(id)s) was created on PrestaShop. In the "
            "back office, grant it: the payment modules (Payment > Preferences "
            "> Group restrictions), the categories its customers may see "
            "(Catalog > Categories, each category's Group access), and the "
            "carriers (Shipping > Carriers > Group access).",
            name=name,
            id=group_id,
        )
        return group_id

    def _after_export(self):
        self._specific_prices_summary = None
        if self.external_id:
            self._specific_prices_summary = self.component(
                usage="specific.price.synchronizer",
                model_name="prestashop.specific.price",
            ).sync(self.binding)

    def run(self, binding, *args, **kwargs):
        """The job result says what the group got: its id, the specific
        prices, the rules not exported, and the setup to finish; a group
        without pricelist (imported from the shop) gets nothing."""
        if not binding.odoo_id:
            return _(
                "The customer group %s has no pricelist: nothing to export.",
                binding.name or binding.prestashop_id,
            )
        result = super().run(binding, *args, **kwargs)
        parts = [str(result)]
        if getattr(self, "_specific_prices_summary", None):
            parts.append(self._specific_prices_summary)
        if self.binding.ps_setup_note:
            parts.append(self.binding.ps_setup_note)
        return " ".join(parts)


class SpecificPriceSynchronizer(Component):
    _name = "prestashop.specific.price.synchronizer"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.specific.price"
    _usage = "specific.price.synchronizer"

    @property
    def _helper(self):
        """The group mapper: languages, taxes and prices helpers."""
        return self.component(
            usage="export.mapper", model_name="prestashop.customer.group"
        )

    def _commit(self):
        if not config["test_enable"]:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _product_ids(self, item):
        """(PrestaShop product id, combination id) of a rule, exporting the
        product first when it is published but not exported yet; None when
        the product is not on this backend."""
        backend = self.backend_record
        if item.applied_on == "1_product":
            template, variant = item.product_tmpl_id, None
        elif item.applied_on == "0_product_variant":
            template, variant = item.product_id.product_tmpl_id, item.product_id
        else:
            return None
        binding = template.with_context(active_test=False).prestashop_bind_ids.filtered(
            lambda b: b.backend_id == backend
        )
        if not binding or not (binding.prestashop_id or binding.ps_published):
            return None
        if not binding.prestashop_id:
            self.component(
                usage="record.exporter", model_name="prestashop.product.template"
            ).run(binding)
        combination = 0
        if variant and len(template.product_variant_ids) > 1:
            comb = variant.prestashop_combination_bind_ids.filtered(
                lambda b: b.backend_id == backend
            )
            combination = comb.prestashop_id
            if not combination:
                return None
        return binding.prestashop_id, combination, template

    def _values(self, group, item):
        ids = self._product_ids(item)
        if not ids:
            return None
        product_id, combination_id, template = ids
        values = {
            "id_shop": 0,
            "id_cart": 0,
            "id_currency": 0,
            "id_country": 0,
            "id_customer": 0,
            "id_group": group.prestashop_id,
            "id_product": product_id,
            "id_product_attribute": combination_id,
            "from_quantity": max(1, int(item.min_quantity or 1)),
            "from": item.date_start.strftime("%Y-%m-%d %H:%M:%S")
            if item.date_start
            else NO_DATE,
            "to": item.date_end.strftime("%Y-%m-%d %H:%M:%S")
            if item.date_end
            else NO_DATE,
            "reduction_tax": 1,
        }
        if item.compute_price == "percentage":
            values.update(
                price=-1,
                reduction=round(item.percent_price / 100.0, 6),
                reduction_type="percentage",
            )
        elif item.compute_price == "fixed":
            helper = self._helper
            taxes = helper.sale_taxes(template)
            values.update(
                price=helper.price_tax_excluded(item.fixed_price, taxes),
                reduction=0,
                reduction_type="amount",
            )
        else:
            return None  # formulas have no PrestaShop equivalent
        return values

    def sync(self, group):
        adapter = self.component(usage="backend.adapter")
        Binding = self.env["prestashop.specific.price"].with_context(
            connector_no_export=True
        )
        existing = {b.odoo_id.id: b for b in group.specific_price_ids if b.odoo_id}
        keep = Binding.browse()
        skipped = 0
        reduction = group_reduction_item(group.odoo_id)
        for item in group.odoo_id.item_ids:
            if item.applied_on not in ("0_product_variant", "1_product"):
                # rules on categories, other global rules: no equivalent
                skipped += item != reduction
                continue
            values = self._values(group, item)
            if values is None:
                skipped += 1
                continue
            hashes = {k: value_hash(v) for k, v in values.items()}
            binding = existing.get(item.id)
            if binding and binding.prestashop_id:
                old = binding.ps_sync_hash or {}
                changed = {k: v for k, v in values.items() if old.get(k) != hashes[k]}
                if changed:
                    adapter.patch(binding.prestashop_id, changed)
                    binding.ps_sync_hash = hashes
            else:
                ps_id = int(adapter.create(values)["id"])
                vals = {"prestashop_id": ps_id, "ps_sync_hash": hashes}
                if binding:
                    binding.write(vals)
                else:
                    binding = Binding.create(
                        dict(
                            vals,
                            backend_id=self.backend_record.id,
                            group_binding_id=group.id,
                            odoo_id=item.id,
                        )
                    )
                self._commit()
            keep |= binding
        for binding in group.specific_price_ids - keep:
            if binding.prestashop_id:
                try:
                    adapter.delete(binding.prestashop_id)
                except Exception as err:  # already deleted on PrestaShop
                    if "404" not in str(err):
                        raise
            binding.unlink()
            self._commit()
        return _(
            "%(n)s specific prices; %(s)s pricelist rules skipped (rules on "
            "categories, formulas, products not on the shop).",
            n=len(keep),
            s=skipped,
        )
