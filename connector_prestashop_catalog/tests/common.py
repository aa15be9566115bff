# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from odoo.addons.connector_prestashop.tests.common import PrestashopTestCase


def png_bytes(color=(255, 0, 0), size=(4, 4)):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def png_b64(color=(255, 0, 0)):
    return base64.b64encode(png_bytes(color))


class CatalogTestCase(PrestashopTestCase):
    """Languages (en=1, fr=2) and the FR 20 % tax rule group mapped, as the
    metadata synchronisation leaves them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_fr").active = True
        cls.taxes = cls.create_fr_taxes(rates=(20.0, 10.0))
        cls.tax20 = cls.taxes.filtered(lambda t: t.amount == 20.0)
        cls.tax20_incl = cls.env["account.tax"].create(
            {
                "name": "TVA 20% TTC",
                "amount": 20.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": cls.company.id,
                "tax_group_id": cls.tax20.tax_group_id.id,
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.backend.default_lang_id = cls.env.ref("base.lang_en")
        cls.backend.catalog_export_delay = 10
        Lang = cls.env["prestashop.res.lang"]
        Lang.create(
            {
                "backend_id": cls.backend.id,
                "prestashop_id": 1,
                "name": "English",
                "language_code": "en-us",
                "ps_active": True,
                "odoo_id": cls.env.ref("base.lang_en").id,
            }
        )
        Lang.create(
            {
                "backend_id": cls.backend.id,
                "prestashop_id": 2,
                "name": "Français",
                "language_code": "fr-fr",
                "ps_active": True,
                "odoo_id": cls.env.ref("base.lang_fr").id,
            }
        )
        Group = cls.env["prestashop.tax.rule.group"]
        Group.create(
            {
                "backend_id": cls.backend.id,
                "prestashop_id": 1,
                "name": "FR Taux standard (20%)",
                "ps_active": True,
                "odoo_id": cls.tax20.id,
            }
        )
        Group.create(
            {
                "backend_id": cls.backend.id,
                "prestashop_id": 2,
                "name": "FR Taux réduit (10%)",
                "ps_active": True,
                "odoo_id": cls.taxes.filtered(lambda t: t.amount == 10.0).id,
            }
        )
        cls.size = cls.env["product.attribute"].create(
            {
                "name": "Size",
                "value_ids": [(0, 0, {"name": "S"}), (0, 0, {"name": "M"})],
            }
        )
        cls.size.with_context(lang="fr_FR").name = "Taille"
        cls.color = cls.env["product.attribute"].create(
            {
                "name": "Finish",
                "value_ids": [(0, 0, {"name": "Matte"}), (0, 0, {"name": "Glossy"})],
            }
        )
        cls.color.with_context(lang="fr_FR").name = "Finition"
        cls.color.value_ids[0].with_context(lang="fr_FR").name = "Mat"
        cls.color.value_ids[1].with_context(lang="fr_FR").name = "Brillant"
        cls.categ_parent = cls.env["product.category"].create({"name": "Odoo Goods"})
        cls.categ = cls.env["product.category"].create(
            {"name": "Mugs", "parent_id": cls.categ_parent.id}
        )

    def make_template(self, ref="MUG", variants=True, **values):
        vals = {
            "name": "Coffee mug",
            "list_price": 19.99,
            "standard_price": 4.5,
            "weight": 0.35,
            "taxes_id": [(6, 0, self.tax20.ids)],
            "categ_id": self.categ.id,
            "description_sale": "A mug for coffee.",
            "image_1920": png_b64((255, 0, 0)),
        }
        if variants:
            vals["attribute_line_ids"] = [
                (
                    0,
                    0,
                    {
                        "attribute_id": self.color.id,
                        "value_ids": [(6, 0, self.color.value_ids.ids)],
                    },
                )
            ]
        else:
            vals["default_code"] = ref
            vals["barcode"] = "3760000000017"
        vals.update(values)
        template = self.env["product.template"].create(vals)
        template.with_context(lang="fr_FR").write(
            {"name": "Tasse à café", "description_sale": "Une tasse pour le café."}
        )
        if variants:
            for variant in template.product_variant_ids:
                value = variant.product_template_attribute_value_ids.name.upper()
                variant.default_code = f"{ref}-{value}"
            glossy = template.attribute_line_ids.product_template_value_ids.filtered(
                lambda v: v.name == "Glossy"
            )
            glossy.price_extra = 2.0
        return self.env["product.template"].browse(template.id)

    def publish(self, template):
        template.publish_on_prestashop(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return template.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )

    def ps_price_with_tax(self, product_id):
        """What PrestaShop shows, tax included (its own computation)."""
        with self.backend.work_on("prestashop.product.template") as work:
            rows = work.component(usage="backend.adapter").search_read(
                {
                    "filter[id]": f"[{product_id}]",
                    "price[shown][use_tax]": "1",
                    "display": "[id,shown]",
                }
            )
        return float(rows[0]["shown"])
