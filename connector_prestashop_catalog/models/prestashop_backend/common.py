# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import _, api, fields, models


class PrestashopBinding(models.AbstractModel):
    _inherit = "prestashop.binding"

    def _queue_catalog_export(self, delay=None, priority=30):
        """Queue one export job per binding, debounced: the job waits
        ``catalog_export_delay`` seconds and a burst of edits queues it once
        (identity key); the job sends what changed since the last export."""
        jobs = []
        # bindings are often reached with active_test=False (archived
        # products): the job must not inherit it (it is a job context key)
        context = {k: v for k, v in self.env.context.items() if k != "active_test"}
        for binding in self.with_env(self.env(context=context)):
            backend = binding.backend_id
            eta = backend.catalog_export_delay if delay is None else delay
            jobs.append(
                binding.with_delay(
                    priority=priority,
                    eta=eta or None,
                    identity_key=f"prestashop-export-{binding._name}-{binding.id}",
                    description=_(
                        "Export %(what)s %(name)s to %(backend)s",
                        # the model's name in the user's language
                        what=binding.env["ir.model"]._get(binding._name).name,
                        name=binding.display_name,
                        backend=backend.name,
                    ),
                ).export_record()
            )
        return jobs


class PrestashopBackend(models.Model):
    _inherit = "prestashop.backend"

    ps_home_category_id = fields.Integer(
        "Home Category ID",
        default=2,
        help="PrestaShop category under which the Odoo categories without "
        "parent are created (2 is 'Home' in a standard shop).",
    )
    catalog_export_delay = fields.Integer(
        "Export Delay (s)",
        default=10,
        help="Seconds an export waits after a product is edited: a burst of "
        "edits makes one export.",
    )
    # What Odoo owns even where it holds no value.  By default an export
    # never erases what Odoo does not know: an empty Odoo value leaves the
    # shop's as it is (the reference of a product with combinations, a cost
    # not set, SEO texts), and the shop's categories that map to no Odoo
    # category are kept.  Ticked, Odoo's emptiness is sent too.
    ps_odoo_owns_reference = fields.Boolean(
        "Odoo Owns References",
        help="Ticked: a product without reference in Odoo (e.g. one with "
        "variants) empties the product's reference on PrestaShop.",
    )
    ps_odoo_owns_cost = fields.Boolean(
        "Odoo Owns Cost Prices",
        help="Ticked: a product without cost in Odoo sets the PrestaShop "
        "wholesale price to 0.",
    )
    ps_odoo_owns_categories = fields.Boolean(
        "Odoo Owns Categories",
        help="Ticked: a product is listed on PrestaShop in its Odoo categories "
        "only; the shop's other categories (e.g. Home) are removed. Unticked, "
        "the categories that map to no Odoo category are kept.",
    )
    ps_odoo_owns_seo = fields.Boolean(
        "Odoo Owns SEO Texts",
        help="Ticked: meta titles, meta descriptions and URL names follow Odoo "
        "(a renamed product gets a new URL). Unticked, they are sent when the "
        "product is created on PrestaShop or set in Odoo, never replaced by "
        "defaults.",
    )
    ps_odoo_owns_descriptions = fields.Boolean(
        "Odoo Owns Descriptions",
        help="Ticked: a product without description in Odoo empties its "
        "descriptions on PrestaShop.",
    )
    ps_short_desc_limit = fields.Integer(
        "Short Description Limit",
        default=800,
        help="Characters of text a product's short description may have on "
        "the shop (its setting PS_PRODUCT_SHORT_DESC_LIMIT, read by "
        "'Synchronize metadata'): a longer one fails the export with what to "
        "shorten.",
    )
    ps_lang_fallback = fields.Boolean(
        "Fill Missing Languages",
        default=True,
        help="Ticked: a shop language whose texts Odoo cannot give (mapped to "
        "a language not active in Odoo, or not mapped) gets the texts of the "
        "backend's default language, and the export says so. Unticked, the "
        "export fails until the language is activated or mapped.",
    )
    product_binding_ids = fields.One2many(
        "prestashop.product.template",
        "backend_id",
        string="Published Products",
        context={"active_test": False},
    )
    product_binding_count = fields.Integer(compute="_compute_product_binding_count")

    @api.depends("product_binding_ids")
    def _compute_product_binding_count(self):
        for backend in self:
            backend.product_binding_count = len(backend.product_binding_ids)

    def action_open_published_products(self):
        self._prestashop_check_access()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Products on %s", self.name),
            "res_model": "prestashop.product.template",
            "view_mode": "list,form",
            "domain": [("backend_id", "=", self.id)],
            "context": {"active_test": False},
        }

    # -- languages of the texts sent ----------------------------------------------
    def _ps_export_languages(self):
        """The shop's languages the export writes texts in.

        :return: list of ``(PrestaShop language id, Odoo language code,
            problem)``: ``problem`` is None when Odoo holds that language's
            texts, else a sentence saying why the code is the backend's
            default language instead and what to do (a language mapped to an
            Odoo language that is not active, in which Odoo would silently
            answer in English; a shop language mapped to none).  A shop
            language inactive on the shop gets the default language's texts
            without a problem when its Odoo language is not active, and is
            left out when it is mapped to none (PrestaShop keeps its texts
            empty).
        """
        self.ensure_one()
        default = self._default_lang_code()
        plan = []
        for lang in self.lang_ids.sorted("prestashop_id"):
            if not lang.prestashop_id:
                continue
            if lang.odoo_id.active:
                plan.append((lang.prestashop_id, lang.odoo_id.code, None))
            elif lang.odoo_id and not lang.ps_active:
                # a language the shop does not show: texts of the default
                # language, nothing to say (metadata sync maps it anyway)
                plan.append((lang.prestashop_id, default, None))
            elif lang.odoo_id:
                plan.append(
                    (
                        lang.prestashop_id,
                        default,
                        _(
                            "the shop language %(shop)s is mapped to %(odoo)s, "
                            "which is not active in Odoo: activate it in "
                            "Settings > Languages (or with the button of the "
                            "backend's Languages tab)",
                            shop=lang.name,
                            odoo=lang.odoo_id.name,
                        ),
                    )
                )
            elif lang.ps_active:
                plan.append(
                    (
                        lang.prestashop_id,
                        default,
                        _(
                            "the shop language %(shop)s is mapped to no Odoo "
                            "language: choose one in the backend's Languages tab",
                            shop=lang.name,
                        ),
                    )
                )
        return plan

    def _ps_language_problems(self):
        """The problems of :meth:`_ps_export_languages` (list of str)."""
        return [
            problem for _lang, _code, problem in self._ps_export_languages() if problem
        ]

    # -- jobs of records deleted in Odoo -----------------------------------------
    def deactivate_product_on_prestashop(self, prestashop_id):
        """Job: a product deleted in Odoo is deactivated on PrestaShop (never
        deleted: its orders keep their history)."""
        self._prestashop_check_access()
        self.ensure_one()
        # superuser: queued by a user who may not read this backend (a
        # product shared with another company's shop)
        self = self.sudo()  # noqa: PLW0642
        with self.work_on("prestashop.product.template") as work:
            return work.component(usage="record.deactivator").run(prestashop_id)

    def delete_combination_on_prestashop(self, prestashop_id):
        """Job: a variant deleted in Odoo: its combination is removed
        (PrestaShop combinations cannot be deactivated)."""
        self._prestashop_check_access()
        self.ensure_one()
        # superuser: queued by a user who may not read this backend (a
        # product shared with another company's shop)
        self = self.sudo()  # noqa: PLW0642
        with self.work_on("prestashop.product.combination") as work:
            return work.component(usage="record.exporter.deleter").run(prestashop_id)


def image_bytes(value):
    return base64.b64decode(value) if value else b""
