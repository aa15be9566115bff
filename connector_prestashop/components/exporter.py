# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exporters: Odoo -> PrestaShop, built on connector's ``generic.exporter``
(row lock on the binding, dependencies first, bind, commit)."""

import logging
import time

from odoo.addons.component.core import AbstractComponent

from .synclog import log_sync

_logger = logging.getLogger(__name__)


class PrestashopExporter(AbstractComponent):
    _name = "prestashop.exporter"
    _inherit = ["prestashop.base", "generic.exporter"]
    _usage = "record.exporter"
    _default_binding_field = "prestashop_bind_ids"

    def run(self, binding, *args, **kwargs):
        """Export, then log one structured line (components/synclog.py)."""
        started = time.monotonic()
        requests_before = self.client.request_count
        result = super().run(binding, *args, **kwargs)
        log_sync(
            _logger,
            "export",
            self.backend_record,
            self.model._name,
            self.binder.to_external(binding),
            binding,
            started,
            self.client.request_count - requests_before,
        )
        return result

    def _create(self, data):
        record = self.backend_adapter.create(data)
        return int(record["id"])

    def _update(self, data):
        self.backend_adapter.write(self.external_id, data)
