# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Failures a person can fix, and where to fix them.

A :class:`PrestashopFixableError` is a ``FailedJobError`` (no retry: waiting
does not help) whose message says, in plain words, what to fix.  It also
names the record to open to fix it; the job's related action ("Related"
button on the failed job) opens that record.

Why a traceback note: queue_job keeps only the message (``args[0]``) and the
formatted traceback of a failed job.  The message stays the plain sentence a
user reads; the record to open travels as a machine-readable note
(``add_note``), printed in the traceback (``exc_info``) and read back by the
related action (``queue.job._prestashop_fix_target``).
"""

import json

from odoo.addons.queue_job.exception import FailedJobError

#: prefix of the note carrying the record to open
FIX_MARKER = "PRESTASHOP-FIX: "


class PrestashopFixableError(FailedJobError):
    """A failure a user fixes in Odoo, then requeues the job.

    :param message: what is wrong and what to do, translated (``_()``)
    :param model: model of the record(s) to open to fix it
    :param res_ids: ids of those records (one: a form; several: a list)
    :param domain: instead of ids, the records to list
    :param context: context of the opened action (defaults of a new record)
    """

    def __init__(self, message, model=None, res_ids=None, domain=None, context=None):
        super().__init__(message)
        self.fix = None
        if model:
            self.fix = {
                "model": model,
                "res_ids": list(res_ids or []),
                "domain": domain,
                "context": context or {},
            }
            self.add_note(FIX_MARKER + json.dumps(self.fix, default=str))


def parse_fix(exc_info):
    """The fix target written by :class:`PrestashopFixableError`, or None."""
    for line in reversed((exc_info or "").splitlines()):
        if line.startswith(FIX_MARKER):
            try:
                return json.loads(line[len(FIX_MARKER) :])
            except ValueError:
                return None
    return None
