# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import AbstractComponent
from odoo.addons.connector.components.mapper import mapping, only_create


def ps_float(value):
    """PrestaShop decimals come as text; empty means 0."""
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def ps_bool(value):
    return str(value or "0").strip() not in ("", "0", "false")


def ps_int(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


class PrestashopImportMapper(AbstractComponent):
    """Base of the PrestaShop -> Odoo mappers."""

    _name = "prestashop.import.mapper"
    _inherit = ["prestashop.base", "base.import.mapper"]
    _usage = "import.mapper"

    @only_create
    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}

    def translated(self, value, lang_code=None):
        """Pick one language of a multi-language field: the backend's default
        language unless ``lang_code`` (an Odoo code like ``fr_FR``) is given."""
        if not isinstance(value, dict):
            return value or ""
        ps_lang = self.backend_record._ps_lang_id(lang_code)
        if ps_lang and ps_lang in value:
            return value[ps_lang] or ""
        return next((v for v in value.values() if v), "")


class PrestashopExportMapper(AbstractComponent):
    """Base of the Odoo -> PrestaShop mappers."""

    _name = "prestashop.export.mapper"
    _inherit = ["prestashop.base", "base.export.mapper"]
    _usage = "export.mapper"
