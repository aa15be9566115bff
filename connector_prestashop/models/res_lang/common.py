# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from odoo.addons.component.core import Component


class PrestashopResLang(models.Model):
    """A PrestaShop language and the Odoo language it maps to."""

    _name = "prestashop.res.lang"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Language"

    name = fields.Char(required=True)
    language_code = fields.Char(help="PrestaShop code, e.g. fr-fr.")
    ps_active = fields.Boolean("Active on PrestaShop")
    odoo_id = fields.Many2one(
        "res.lang",
        string="Odoo Language",
        ondelete="set null",
        context={"active_test": False},
    )
    odoo_active = fields.Boolean(related="odoo_id.active", string="Active in Odoo")

    def _to_activate(self):
        """Shop languages mapped to an Odoo language that is not active: their
        texts are not read (nor written) until it is activated."""
        return self.filtered(lambda r: r.odoo_id and not r.odoo_id.active)

    def action_activate_odoo_lang(self):
        """Button: activate the mapped Odoo languages and load their
        translations (what Settings > Languages > Activate does, through
        Odoo's ``base.language.install`` wizard)."""
        langs = self._to_activate().odoo_id
        if langs:
            self.env["base.language.install"].create(
                {"lang_ids": [(6, 0, langs.ids)], "overwrite": False}
            ).lang_install()
        return True


class PrestashopBackend(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("lang_ids.odoo_active")
    def _compute_unmapped(self):
        return super()._compute_unmapped()

    def _unmapped_records(self):
        """A shop language mapped to an inactive Odoo language is listed too:
        "activate it" (a mapping Odoo cannot use is not silently kept)."""
        return super()._unmapped_records() + [
            (
                _("Languages to activate in Odoo (Settings > Languages)"),
                self.lang_ids.filtered("ps_active")._to_activate(),
            )
        ]


class LangAdapter(Component):
    _name = "prestashop.res.lang.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.lang"
    _prestashop_resource = "languages"
    _prestashop_node = "language"
