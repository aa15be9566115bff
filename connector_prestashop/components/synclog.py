# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One structured log line per synchronised record.

Format (key=value, space separated, one line, grep- and parser-friendly)::

    prestashop sync direction=import flow=orders backend=1 model=prestashop.sale.order
        prestashop_id=42 odoo=sale.order(17) duration_ms=85 requests=0

``direction`` is ``import`` or ``export``; ``flow`` one of the dashboard's
flows; ``requests`` the webservice requests this record cost (0 when the
batch already read it); ``duration_ms`` the wall time of the record.  The
line never carries the webservice key nor any record data: ids only.
"""

import time

#: binding model prefix -> dashboard flow
_FLOWS = [
    ("prestashop.sale.order", "orders"),
    ("prestashop.res.partner", "customers"),
    ("prestashop.address", "customers"),
    ("prestashop.stock.available", "stock"),
    ("prestashop.product", "catalog"),
    ("prestashop.refund", "backflow"),
]


def flow_of(model_name, direction="import"):
    for prefix, flow in _FLOWS:
        if model_name.startswith(prefix):
            if flow == "orders" and direction == "export":
                return "backflow"
            return flow
    return "metadata"


def odoo_ref(record):
    """``model(id)`` of the Odoo record behind a binding (or the record)."""
    if record is None or not hasattr(record, "_name"):
        return "-"
    target = record
    if "odoo_id" in record._fields and record[:1].odoo_id:
        target = record[:1].odoo_id
    return f"{target._name}({','.join(map(str, target.ids)) or '-'})"


def log_sync(
    logger, direction, backend, model_name, prestashop_id, record, started, requests
):
    logger.info(
        "prestashop sync direction=%s flow=%s backend=%s model=%s prestashop_id=%s "
        "odoo=%s duration_ms=%.0f requests=%s",
        direction,
        flow_of(model_name, direction),
        backend.id,
        model_name,
        prestashop_id if prestashop_id not in (None, False) else "-",
        odoo_ref(record),
        (time.monotonic() - started) * 1000,
        requests,
    )
