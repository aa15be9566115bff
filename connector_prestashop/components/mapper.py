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


def ml_text(value, lang_id=None, fallback=True):
    """One language's text of a PrestaShop multi-language field.

    :param value: the field as the adapter reads it, ``{language id: text}``
        (PrestaShop's ``<language id="1">``; the ids are str once the record
        went through a job's JSON arguments, int otherwise), or a plain text
        (a field that is not multi-language).
    :param lang_id: the PrestaShop language id (int or str); None for any.
    :param fallback: when that language has no text, the first text of
        another language (the default: a name is better in English than
        empty), or ``""`` (a missing translation stays missing in Odoo).
    :return: str, ``""`` when there is none.
    """
    if not isinstance(value, dict):
        return value or ""
    if lang_id is not None:
        for key, text in value.items():
            if str(key) == str(lang_id) and text:
                return text
    if not fallback:
        return ""
    return next((text for text in value.values() if text), "")


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
        """The text of a multi-language field (see :func:`ml_text`) in the
        backend's default language, or in ``lang_code`` (an Odoo code like
        ``fr_FR``); another language's when that one has none."""
        return ml_text(value, self.backend_record._ps_lang_id(lang_code) or None)


class PrestashopExportMapper(AbstractComponent):
    """Base of the Odoo -> PrestaShop mappers."""

    _name = "prestashop.export.mapper"
    _inherit = ["prestashop.base", "base.export.mapper"]
    _usage = "export.mapper"
