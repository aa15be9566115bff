# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Adapters: the only components that talk to the webservice.

They turn :class:`~.webservice.PrestaShopError` into job outcomes: network
trouble becomes a ``RetryableJobError`` (the job waits and tries again, with
back-off), everything else a failure whose message says what to fix.
"""

import copy
import math
from contextlib import contextmanager

from odoo.exceptions import UserError

from odoo.addons.component.core import AbstractComponent
from odoo.addons.connector.exception import NetworkRetryableError
from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError

from .exception import PrestashopFixableError
from .webservice import (
    PrestaShopAuthError,
    PrestaShopBudgetWait,
    PrestaShopError,
    PrestaShopPermissionError,
    PrestaShopSetupError,
)

#: Tries of a connector job (queue_job's default is 5).  A call that fails
#: for network reasons is retried as the job function's retry pattern says
#: (``data/queue_job_data.xml``: 10 s, then 60 s, 5 min, and 30 min from the
#: 15th try), so 60 tries wait about 23 hours for a shop that is down before
#: the job fails and asks for a person.  Set on every job of a
#: ``prestashop.*`` model queued without an explicit ``max_retries``
#: (``queue.job`` create, ``models/queue_job.py``).
JOB_MAX_RETRIES = 60


def _last_try(env):
    """Whether the job running in ``env`` (``job_uuid`` in its context, as
    queue_job sets it) is at its last try: its failure then fails the job,
    and the message must say what to do rather than promise a retry."""
    uuid = env.context.get("job_uuid")
    if not uuid:
        return False
    job = env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)
    return bool(job.max_retries) and job.retry + 1 >= job.max_retries


@contextmanager
def handle_errors(component=None):
    """Translate webservice errors into queue_job outcomes.

    Network trouble (shop down, timeout, 5xx, garbled answer) is retried
    later; everything else fails the job with what to fix.  With the
    calling ``component``, the messages a user acts on (key refused, a
    permission missing on one resource, a setting of the shop) are
    translated in the job's language and open the backend, where the key
    and URL are fixed."""
    try:
        yield
    except PrestaShopError as err:
        if component is None:
            if isinstance(err, PrestaShopBudgetWait):
                seconds = int(math.ceil(err.seconds))
                raise RetryableJobError(
                    err.message, seconds=seconds, ignore_retry=not err.mid_work
                ) from err
            if err.retryable:
                # no ``seconds``: the job function's retry pattern applies
                raise NetworkRetryableError(err.message) from err
            raise FailedJobError(err.message) from err
        raise fixable_error(component.env, component.backend_record, err) from err


def fixable_error(env, backend, err):
    """The job outcome for the webservice error ``err`` (a
    :class:`~.webservice.PrestaShopError`) on ``backend``: a
    ``NetworkRetryableError`` when waiting may help, else a
    :class:`PrestashopFixableError` (or ``FailedJobError``) saying, in the
    user's language, what to fix and where."""
    fix_backend = {"model": "prestashop.backend", "res_ids": [backend.id]}
    if isinstance(err, PrestaShopBudgetWait):
        return _budget_error(env, backend, err)
    if err.retryable and _last_try(env):
        return PrestashopFixableError(
            env._(
                "The shop %(url)s could not be used, try after try, for about a "
                "day (last answer: %(detail)s). Check that the shop is up and the "
                "Shop URL on the backend %(backend)s, then requeue the job.",
                url=backend.location,
                detail=err.message,
                backend=backend.name,
            ),
            **fix_backend,
        )
    if err.retryable:
        # no ``seconds``: the job function's retry pattern applies
        return NetworkRetryableError(
            env._(
                "The shop %(url)s could not be used: %(detail)s The job tries again "
                "by itself while the shop is down (for about a day); if it stays "
                "down, check that the shop is up and the Shop URL on the backend "
                "%(backend)s.",
                url=backend.location,
                detail=err.message,
                backend=backend.name,
            ),
        )
    if isinstance(err, PrestaShopPermissionError) and err.code == 132:
        return PrestashopFixableError(
            env._(
                "The webservice key of the backend %(backend)s may not be used on "
                "this shop: in PrestaShop, Advanced Parameters > Webservice > the "
                "key > Shop association, tick the shop, then requeue the job.",
                backend=backend.name,
            ),
            **fix_backend,
        )
    if isinstance(err, PrestaShopPermissionError):
        return PrestashopFixableError(
            env._(
                "The webservice key of the backend %(backend)s has no %(method)s "
                "permission on %(resource)s: in PrestaShop, Advanced Parameters > "
                "Webservice > the key > tick %(method)s on the line %(resource)s, "
                "then requeue the job.",
                backend=backend.name,
                method=err.method,
                resource=err.resource,
            ),
            **fix_backend,
        )
    if isinstance(err, PrestaShopAuthError):
        return PrestashopFixableError(
            env._(
                "PrestaShop refused the webservice key of the backend %(backend)s "
                "(HTTP 401). Enter the right key on the backend (it is created in "
                "PrestaShop under Advanced Parameters > Webservice, which must be "
                "enabled), then requeue the job.",
                backend=backend.name,
            ),
            **fix_backend,
        )
    if isinstance(err, PrestaShopSetupError):
        return PrestashopFixableError(_setup_message(env, backend, err), **fix_backend)
    return FailedJobError(err.message)


def _budget_error(env, backend, err):
    """The outcome of a spent request budget (a
    :class:`~.webservice.PrestaShopBudgetWait`): a user pressing a button is
    told to try again; a job is postponed, without spending a try when it
    had sent nothing; a job that spends its tries on it (it needs more
    requests than the budget allows in one try) fails at the last one,
    saying to raise the budget."""
    seconds = int(math.ceil(err.seconds))
    if not env.context.get("job_uuid"):
        return UserError(
            env._(
                "The request budget of the backend %(backend)s (%(allowed)s "
                "requests a minute) is spent for now: try again in %(seconds)s s.",
                backend=backend.name,
                allowed=backend.request_budget,
                seconds=seconds,
            )
        )
    if err.mid_work and _last_try(env):
        return PrestashopFixableError(
            env._(
                "The job needs more requests than the request budget of the "
                "backend %(backend)s (%(allowed)s requests a minute) allows in one "
                "try: raise Requests per Minute on the backend if the shop's host "
                "accepts it, then requeue the job.",
                backend=backend.name,
                allowed=backend.request_budget,
            ),
            model="prestashop.backend",
            res_ids=[backend.id],
        )
    return RetryableJobError(
        env._(
            "The request budget of the backend %(backend)s (%(allowed)s "
            "requests a minute) is spent for now: the job waits %(seconds)s s "
            "and goes on by itself.",
            backend=backend.name,
            allowed=backend.request_budget,
            seconds=seconds,
        ),
        seconds=seconds,
        ignore_retry=not err.mid_work,
    )


def _setup_message(env, backend, err):
    """What to change for a :class:`~.webservice.PrestaShopSetupError`."""
    if err.kind == "php_notice":
        return env._(
            "The shop %(url)s prints PHP notices before its answers, so they "
            "cannot be read (%(notice)s): turn off display_errors in PHP and the "
            "debug mode of PrestaShop (Advanced Parameters > Performance > Debug "
            "mode), or fix the module that prints the notice, then requeue the "
            "job.",
            url=backend.location,
            notice=err.detail,
        )
    if err.kind == "not_webservice":
        return env._(
            "%(url)s does not answer as the PrestaShop webservice (%(seen)s): check "
            "the Shop URL on the backend %(backend)s (the shop's address, without "
            "/api) and that the shop's friendly URLs are on (Shop Parameters > "
            "Traffic & SEO), then requeue the job.",
            url=backend.location,
            seen=err.detail,
            backend=backend.name,
        )
    if err.kind == "disabled":
        return env._(
            "The webservice of the shop %(url)s is disabled: in PrestaShop, "
            "Advanced Parameters > Webservice > Enable PrestaShop's webservice, "
            "then requeue the job.",
            url=backend.location,
        )
    return err.message


class PrestashopCRUDAdapter(AbstractComponent):
    """CRUD on one PrestaShop resource.

    Concrete adapters only set ``_prestashop_resource`` (URL segment, e.g.
    ``"customers"``) and ``_prestashop_node`` (XML node, e.g. ``"customer"``).
    """

    _name = "prestashop.adapter"
    _inherit = ["prestashop.base", "base.backend.adapter.crud"]
    _usage = "backend.adapter"

    _prestashop_resource = None
    _prestashop_node = None
    #: Ids per ``filter[id]=[a|b|...]`` request: keeps URLs well under the
    #: 8 KB that web servers accept.
    _read_many_chunk = 500
    #: Page size of list reads.
    _page_size = 500

    #: Connections at once for independent requests of one job (pages of a
    #: whole table, chunks of a multi-row write): see
    #: ``PrestaShopClient.parallel``.
    _parallel_requests = 4

    def _call(self, method, *args, **kwargs):
        with handle_errors(self):
            return getattr(self.client, method)(*args, **kwargs)

    def _call_parallel(self, method, calls, return_exceptions=False, connections=None):
        """``[self._call(method, *args) for args in calls]``, over up to
        ``connections`` (default ``_parallel_requests``) connections at once
        (results in order)."""
        with handle_errors(self):
            return self.client.parallel(
                method,
                calls,
                connections=connections or self._parallel_requests,
                return_exceptions=return_exceptions,
            )

    # -- reads -----------------------------------------------------------------
    # read/create/write implement the abstract connector CRUD adapter (its
    # methods raise NotImplementedError): there is no super to call
    def read(self, external_id, attributes=None):  # pylint: disable=method-required-super
        return self._call("read", self._prestashop_resource, external_id, attributes)

    def search(self, filters=None):
        """Ids matching ``filters`` (a dict of raw webservice parameters)."""
        return self._call("search_ids", self._prestashop_resource, filters)

    def search_read(self, filters=None, limit=None, offset=0):
        """Records (``display=full``) matching ``filters``: one request."""
        params = dict(filters or {})
        if limit:
            params["limit"] = f"{offset},{limit}"
        return self._call(
            "list", self._prestashop_resource, params, fmt=self.version.list_format
        )

    def search_read_all(self, filters=None):
        """Every record matching ``filters``, page by page (a generator)."""
        offset = 0
        while True:
            page = self.search_read(filters, limit=self._page_size, offset=offset)
            yield from page
            if len(page) < self._page_size:
                return
            offset += self._page_size

    def on_resource(self, resource, node):
        """This adapter (its client, version profile and request budget)
        working on another resource of the webservice: ``resource``
        (``order_carriers``), whose records are ``<node>``
        (``order_carrier``).  For the shop's resources that have no binding
        model of their own and are read and written through the adapter of
        the record they belong to (an order's carriers, histories, slips and
        cart rules: ``prestashop.sale.order.adapter``).  Returns a new
        adapter; this one is left as it is."""
        adapter = copy.copy(self)
        adapter._prestashop_resource = resource
        adapter._prestashop_node = node
        return adapter

    def of_order(self, order_id):
        """Records of one order (resources with an ``id_order`` field:
        order_carriers, order_slip, order_details...), in one request."""
        return self.search_read({"filter[id_order]": f"[{int(order_id)}]"})

    def list_by(self, field, values, params=None, resource=None):
        """Records of ``resource`` (default: the adapter's) whose ``field``
        is one of ``values``: ``filter[field]=[a|b|...]`` (PrestaShop reads
        ``|`` as "or"), ``_read_many_chunk`` values a request, the other
        ``params`` (raw webservice parameters: ``display``...) in each.

        :param values: ids (int or str; 0, empty and repeated ones are left
            out: no request for none).
        :return: list of records (dicts, as ``PrestaShopClient.list``).
        """
        values = sorted({int(v) for v in values if int(v or 0)})
        records = []
        for start in range(0, len(values), self._read_many_chunk):
            chunk = values[start : start + self._read_many_chunk]
            records += self._call(
                "list",
                resource or self._prestashop_resource,
                dict(
                    params or {},
                    **{f"filter[{field}]": f"[{'|'.join(map(str, chunk))}]"},
                ),
                fmt=self.version.list_format,
            )
        return records

    def read_many(self, ids, filters=None):
        """Records for many ids in ``len(ids) / _read_many_chunk`` requests
        (:meth:`list_by`)."""
        return self.list_by("id", ids, params=filters)

    # -- writes ----------------------------------------------------------------
    def create(self, data):  # pylint: disable=method-required-super
        return self._call(
            "create", self._prestashop_resource, self._prestashop_node, data
        )

    def write(self, external_id, data):  # pylint: disable=method-required-super
        return self._call(
            "update",
            self._prestashop_resource,
            self._prestashop_node,
            external_id,
            data,
        )

    def patch(self, external_id, data):
        """Partial update where the version allows it, else read + PUT."""
        if self.version.supports_patch:
            return self._call(
                "patch",
                self._prestashop_resource,
                self._prestashop_node,
                external_id,
                data,
            )
        record = self.read(external_id)
        record.update(data)
        return self.write(external_id, record)

    def delete(self, external_id):
        return self._call("delete", self._prestashop_resource, external_id)


class PrestashopGenericAdapter(AbstractComponent):
    """Raw access for calls that belong to no single resource (root, HEAD)."""

    _name = "prestashop.generic.adapter"
    _inherit = "prestashop.base"
    _usage = "webservice"

    def check(self):
        """Read the API root; returns the PSWS-Version header."""
        with handle_errors():
            resp = self.client.request("GET", "")
        return resp.headers.get("PSWS-Version")
