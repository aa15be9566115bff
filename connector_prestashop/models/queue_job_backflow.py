# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class QueueJob(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def related_action_prestashop_backflow(self):
        """Open what a back-flow job is about: the delivery or the credit
        note in its arguments, else the sale order behind the binding."""
        self.ensure_one()
        record = next(
            (
                a
                for a in self.args
                if isinstance(a, models.BaseModel)
                and a._name in ("stock.picking", "account.move")
                and a
            ),
            None,
        )
        if record is None:
            binding = self.records.exists()[:1]
            record = (
                binding.odoo_id if binding and "odoo_id" in binding._fields else binding
            )
        if not record:
            return None
        return self._prestashop_open(record)
