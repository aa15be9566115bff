# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock components: adapter, quantity computer, exporter, reconciler.

Each is small and named so that an integrator can ``_inherit`` one (another
quantity rule, another drift policy) without touching the others."""

import logging
import math
import time
from collections import namedtuple
from datetime import timedelta

from odoo import _, fields

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.queue_job.exception import FailedJobError

from ...components.backend_adapter import handle_errors
from ...components.webservice import PrestaShopNotFound

_logger = logging.getLogger(__name__)

#: A variant sold on the shop: the Odoo variant and its PrestaShop row key.
BoundVariant = namedtuple(
    "BoundVariant",
    "product_id ps_product_id ps_product_attribute_id template_binding_id "
    "combination_binding_id",
)

#: Where stock is pushed: a shop (the first of its group when the group
#: shares its stock), its warehouses, and the webservice filters selecting
#: its stock rows (``{}``: the backend knows no shop, every row is its own).
StockContext = namedtuple("StockContext", "shop id_shop warehouses row_filter")


class StockAvailableAdapter(Component):
    """``stock_availables``: reads and writes in bulk (a hundred rows per
    write request)."""

    _name = "prestashop.stock.available.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.stock.available"
    _prestashop_resource = "stock_availables"
    _prestashop_node = "stock_available"

    #: Only what the connector uses: keeps 10,000-row answers small.
    _stock_display = (
        "[id,id_product,id_product_attribute,id_shop,id_shop_group,quantity,"
        "out_of_stock]"
    )
    #: Up to this many products, rows are read by ``filter[id_product]``
    #: (500 per request); above, the shop's whole table is read page by page,
    #: which is fewer requests.
    _by_product_max = 1000
    #: Rows per page when reading the whole table.
    _table_page_size = 5000
    #: Rows per multi-row PATCH (about 80 bytes a row: 8 KB bodies).
    _push_chunk = 100

    @staticmethod
    def expected_rows(keys):
        """Stock rows a shop has for ``keys`` (``(id_product,
        id_product_attribute)`` pairs) in one shop: one per product without
        combinations, one per combination and one more per product with
        combinations (their sum, ``StockAvailable::synchronize``)."""
        keys = set(keys)
        return len(keys) + len({product for product, comb in keys if comb})

    def _list_call(self, params, row_filter=None):
        """Arguments of ``PrestaShopClient.list`` for the rows matching
        ``params`` and ``row_filter`` (the
        ``filter[id_shop]``/``filter[id_shop_group]`` of one shop's rows, see
        ``prestashop.stock.synchronizer._row_filter``).  A plain ``id_shop``
        parameter would not do: the webservice ignores it on this resource
        and lists every shop's rows."""
        params = dict(params, display=self._stock_display, **(row_filter or {}))
        return (self._prestashop_resource, params, self.version.list_format)

    def _list(self, params, row_filter=None):
        """Rows matching ``params`` and ``row_filter`` (see
        :meth:`_list_call`): one request."""
        return self._call("list", *self._list_call(params, row_filter))

    def read_rows(self, ps_product_ids=None, row_filter=None, expected_rows=0):
        """Stock rows of these PrestaShop products (``None``: all), of the
        shop ``row_filter`` selects (``None``: every shop's).

        The whole table is read ``_table_page_size`` rows a page; the pages
        ``expected_rows`` (rows the shop is thought to have) fills are read
        side by side (:meth:`_call_parallel`), then ``_parallel_requests``
        pages at once until one is not full: with a right guess, the same
        requests as page after page, in the time of a few."""
        if ps_product_ids is not None and len(ps_product_ids) <= self._by_product_max:
            resource, params, _fmt = self._list_call({}, row_filter)
            return self.list_by("id_product", ps_product_ids, params, resource)
        size = self._table_page_size
        rows, offset, count = [], 0, expected_rows // size + 1
        while True:
            pages = self._call_parallel(
                "list",
                [
                    self._list_call(
                        {"sort": "[id_ASC]", "limit": f"{start},{size}"}, row_filter
                    )
                    for start in range(offset, offset + count * size, size)
                ],
            )
            for page in pages:
                rows += page
            if any(len(page) < size for page in pages):
                return rows
            offset += count * size
            count = self._parallel_requests

    def find(self, ps_product_id, ps_product_attribute_id, row_filter=None):
        """The row of one product / combination in the shop ``row_filter``
        selects, or None."""
        rows = self._list(
            {
                "filter[id_product]": f"[{int(ps_product_id)}]",
                "filter[id_product_attribute]": f"[{int(ps_product_attribute_id)}]",
            },
            row_filter,
        )
        return rows[0] if rows else None

    def push(self, row_id, quantity, out_of_stock=None):
        """One request: PATCH (or read + PUT where PATCH does not exist)."""
        return self.patch(row_id, self._push_data(row_id, quantity, out_of_stock))

    def _push_data(self, row_id, quantity, out_of_stock=None):
        data = {"id": int(row_id), "quantity": int(quantity)}
        if out_of_stock is not None:
            data["out_of_stock"] = int(out_of_stock)
        return data

    def push_many(self, pushes, out_of_stock=None, products=None):
        """Write many quantities, ``_push_chunk`` rows per request (one
        multi-row PATCH on ``stock_availables``, see
        ``PrestaShopClient.patch_many``): 500 changed rows are 5 requests,
        not 500, which is what a shop's request budget allows.

        ``pushes``: ``[(row id, quantity)]``, each row once.  Returns the ids
        of the rows the shop no longer has: PrestaShop answers 404 code 92
        ("Invalid ID") and stops at such a row, the rows before it written;
        one read then says which rows of the rest exist, and those are sent
        again (:meth:`_push_rest`).  Any other error is the job's, as for
        every call (:func:`handle_errors`).

        ``products``: ``{row id: PrestaShop product id}``.  Given, the chunks
        are sent side by side (:meth:`_call_parallel`), one product's rows
        all in one chunk: PrestaShop re-sums a product's own row after each
        write to one of its combinations' (``StockAvailable::postSave``: a
        read, then a write, no lock), so two requests writing combinations of
        one product at once could leave it a wrong sum.  Else one after
        another."""
        if not self.version.supports_patch:
            return self._push_without_patch(pushes, out_of_stock)
        chunks = [
            [self._push_data(row_id, quantity, out_of_stock) for row_id, quantity in c]
            for c in self._push_chunks(pushes, products)
        ]
        answers = self._call_parallel(
            "patch_many",
            [(self._prestashop_resource, self._prestashop_node, c) for c in chunks],
            return_exceptions=True,
            connections=None if products is not None else 1,
        )
        gone = []
        for records, answer in zip(chunks, answers, strict=True):
            if isinstance(answer, Exception):
                gone += self._push_chunk_again(records, answer)
        return gone

    def _push_chunks(self, pushes, products=None):
        """``pushes`` cut in chunks of about ``_push_chunk`` rows; with
        ``products`` (``{row id: product id}``) a product's rows in one chunk
        (a chunk closes only between two products)."""
        if products is None:
            size = self._push_chunk
            return [pushes[i : i + size] for i in range(0, len(pushes), size)]
        by_product = {}
        for push in pushes:
            by_product.setdefault(products.get(push[0]), []).append(push)
        chunks, chunk = [], []
        for rows in by_product.values():
            if chunk and len(chunk) + len(rows) > self._push_chunk:
                chunks.append(chunk)
                chunk = []
            chunk += rows
        return chunks + ([chunk] if chunk else [])

    def _push_chunk_again(self, records, error):
        """A chunk the shop refused with ``error``: the rows it no longer has
        (404 code 92) are left out and the rest sent again, one request at a
        time; any other error is raised.  Returns the ids left out."""
        gone = []
        with handle_errors(self):
            while records:
                if not isinstance(error, PrestaShopNotFound) or error.code != 92:
                    raise error
                records, missing = self._push_rest(records)
                if not missing:
                    raise error  # refused, yet every row exists: not ours
                gone += missing
                try:
                    if records:
                        self.client.patch_many(
                            self._prestashop_resource, self._prestashop_node, records
                        )
                    records = []
                except PrestaShopNotFound as err:
                    error = err
        return gone

    def _push_rest(self, records):
        """After a 404 on a chunk: ``(records still to send, ids the shop
        does not have)``.  The shop wrote the rows before the first missing
        one, in order (``saveEntityFromXml``); those after it are sent again
        if they exist (one read, ids only)."""
        ids = [record["id"] for record in records]
        existing = {
            int(row["id"])
            for row in self.client.list(
                self._prestashop_resource,
                {
                    "filter[id]": "[{}]".format("|".join(map(str, ids))),
                    "display": "[id]",
                },
            )
        }
        missing = [i for i in ids if i not in existing]
        if not missing:
            return records, []
        first = ids.index(missing[0])
        rest = [record for record in records[first:] if record["id"] in existing]
        return rest, missing

    def _push_without_patch(self, pushes, out_of_stock):
        """Read + PUT per row (versions without PATCH); returns the ids the
        shop does not have (404 code 92 on the read)."""
        gone = []
        for row_id, quantity in pushes:
            with handle_errors(self):
                try:
                    record = self.client.read(self._prestashop_resource, row_id)
                except PrestaShopNotFound as err:
                    if err.code not in (None, 92):  # a GET's 404 has no code
                        raise
                    gone.append(row_id)
                    continue
                record.update(self._push_data(row_id, quantity, out_of_stock))
                self.client.update(
                    self._prestashop_resource, self._prestashop_node, row_id, record
                )
        return gone


class StockQuantity(Component):
    """The quantity to show on the shop, for many variants in a few grouped
    queries (never one read per product)."""

    _name = "prestashop.stock.quantity"
    _inherit = "prestashop.base"
    _usage = "stock.quantity"
    _apply_on = "prestashop.stock.available"

    def compute(self, products, warehouses):
        """``{product id: quantity for PrestaShop (int >= 0)}`` of
        ``products`` (``product.product``) over ``warehouses``: the
        backend's ``stock_quantity_field`` (``free_qty``: on hand minus
        reserved, the default; ``qty_available``; ``virtual_available``) as
        Odoo computes it (``product.product._compute_quantities_dict``, Odoo
        18 ``addons/stock/models/product.py``, ``warehouse_id`` in
        context), rounded down to whole units."""
        field = self.backend_record.stock_quantity_field or "free_qty"
        Product = self.env["product.product"].with_context(
            warehouse_id=warehouses.ids, active_test=False
        )
        # Odoo's own grouped computation of the product's quantities (three
        # grouped queries for all of them: quants, incoming and outgoing
        # moves), as the product form shows them
        data = Product.browse(products.ids)._compute_quantities_dict(None, None, None)
        quantities = {pid: values[field] for pid, values in data.items()}
        return {
            pid: self.to_prestashop(quantities.get(pid, 0.0)) for pid in products.ids
        }

    def to_prestashop(self, quantity):
        """PrestaShop counts whole units and never below zero."""
        return max(0, int(math.floor((quantity or 0.0) + 1e-6)))


class StockSynchronizer(AbstractComponent):
    """What the exporter and the reconciler share: which variants are sold,
    where, and how one row is pushed."""

    _name = "prestashop.stock.synchronizer"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.stock.available"

    @property
    def adapter(self):
        return self.component(usage="backend.adapter")

    @property
    def quantity(self):
        return self.component(usage="stock.quantity")

    def _contexts(self):
        """Where stock is pushed, each with the warehouses it sells from: one
        context per shop, or per shop group when the group shares its stock
        (its shops' warehouses added up)."""
        backend = self.backend_record
        default = backend.stock_warehouse_ids or backend.warehouse_id
        shops = backend.shop_ids
        if not shops:
            return self._check_warehouses([StockContext(shops, None, default, {})])
        selling = shops.sorted("prestashop_id").filtered(
            lambda s: s.stock_sync and (s.ps_active or len(shops) == 1)
        )
        contexts, groups = [], set()
        for shop in selling:
            group = shop.shop_group_id
            members = shop
            if group.share_stock:
                if group.id in groups:
                    continue
                groups.add(group.id)
                members = selling.filtered(lambda s, g=group: s.shop_group_id == g)
            contexts.append(
                StockContext(
                    shop,
                    shop.prestashop_id,
                    members.stock_warehouse_ids or default,
                    self._row_filter(shop),
                )
            )
        return self._check_warehouses(contexts)

    def _row_filter(self, shop):
        """Webservice filters selecting the stock rows of ``shop``.

        PrestaShop keeps a row per shop (``id_shop`` = the shop,
        ``id_shop_group`` = 0) or, when the shop's group shares its stock, a
        row per group (``id_shop`` = 0, ``id_shop_group`` = the group):
        ``StockAvailable::addSqlShopParams`` (classes/stock/StockAvailable.php).
        """
        group = shop.shop_group_id
        if group.share_stock and group.prestashop_id:
            return {
                "filter[id_shop]": "[0]",
                "filter[id_shop_group]": f"[{group.prestashop_id}]",
            }
        return {"filter[id_shop]": f"[{shop.prestashop_id}]"}

    @staticmethod
    def _in_context(record, ctx):
        """Whether a row read from the shop is one of ``ctx``'s (a shop that
        ignored the filter must not have its rows mixed up)."""
        wanted = ctx.row_filter
        for field in ("id_shop", "id_shop_group"):
            key = f"filter[{field}]"
            if key in wanted and str(record.get(field, "")) not in (
                "",
                wanted[key][1:-1],
            ):
                return False
        return True

    def _check_warehouses(self, contexts):
        backend = self.backend_record
        for ctx in contexts:
            if not ctx.warehouses:
                raise FailedJobError(
                    _(
                        "Backend %(backend)s: no warehouse is chosen for the stock of "
                        "%(shop)s. Choose the stock warehouses on the backend (Stock "
                        "tab), then requeue this job.",
                        backend=backend.name,
                        shop=ctx.shop.name or _("the shop"),
                    )
                )
        return contexts

    def _bound_variants(self, products=None):
        """Storable variants bound to the backend, with their row key: the
        combination row for combinations, the product row for products
        without combinations.  One query: this runs on 10,000s of variants."""
        for model in (
            "prestashop.product.template",
            "prestashop.product.combination",
            "product.product",
            "product.template",
        ):
            self.env[model].flush_model()
        product_filter = "AND pp.id = ANY(%(products)s)" if products is not None else ""
        self.env.cr.execute(
            f"""
            SELECT c.odoo_id, t.prestashop_id, c.prestashop_id, t.id, c.id
              FROM prestashop_product_combination c
              JOIN prestashop_product_template t ON t.id = c.main_template_id
              JOIN product_product pp ON pp.id = c.odoo_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE c.backend_id = %(backend)s AND pt.is_storable {product_filter}
            UNION ALL
            SELECT pp.id, t.prestashop_id, 0, t.id, NULL
              FROM prestashop_product_template t
              JOIN product_template pt ON pt.id = t.odoo_id
              JOIN product_product pp ON pp.product_tmpl_id = pt.id AND pp.active
             WHERE t.backend_id = %(backend)s AND pt.is_storable {product_filter}
               AND NOT EXISTS (SELECT 1 FROM prestashop_product_combination c2
                                WHERE c2.main_template_id = t.id)
               AND (SELECT count(*) FROM product_product p2
                     WHERE p2.product_tmpl_id = pt.id AND p2.active) = 1
        """,
            {
                "backend": self.backend_record.id,
                "products": list(products.ids) if products is not None else None,
            },
        )
        return [BoundVariant(*row) for row in self.env.cr.fetchall()]

    def _row_values(self, variant, record, ctx):
        return {
            "backend_id": self.backend_record.id,
            "prestashop_id": int(record["id"]),
            "shop_id": ctx.shop.id or False,
            "product_id": variant.product_id,
            "template_binding_id": variant.template_binding_id,
            "combination_binding_id": variant.combination_binding_id or False,
            "ps_product_id": variant.ps_product_id,
            "ps_product_attribute_id": variant.ps_product_attribute_id,
            "out_of_stock": int(record.get("out_of_stock") or 0),
        }

    def _out_of_stock(self):
        """PrestaShop's out-of-stock behaviour to write, None: leave it alone."""
        backend = self.backend_record
        if backend.stock_push_out_of_stock and backend.stock_out_of_stock:
            return int(backend.stock_out_of_stock)
        return None

    def _push_many(self, pushes, rows_by_id):
        """Send many quantities (``pushes``: ``[(row id, quantity)]``, a
        hundred rows per request; ``rows_by_id``: ``{row id: stock row}``,
        whose products keep one product's rows in one request).  Returns
        ``({row id: values to store on the row}, [ids of the rows the shop
        no longer has])``."""
        pushes = list(dict(pushes).items())  # each row once (the last value)
        out_of_stock = self._out_of_stock()
        products = {row_id: rows_by_id[row_id].ps_product_id for row_id, _q in pushes}
        gone = set(
            self.adapter.push_many(pushes, out_of_stock=out_of_stock, products=products)
        )
        now = fields.Datetime.now()
        written = {}
        for row_id, quantity in pushes:
            if row_id in gone:
                continue
            written[row_id] = {
                "quantity_pushed": quantity,
                "date_pushed": now,
                "drift_since": False,
                "drift_quantity": 0,
            }
            if out_of_stock is not None:
                written[row_id]["out_of_stock"] = out_of_stock
        return written, sorted(gone)


class StockExporter(Component):
    """Push the quantity of a few variants (the event-driven path): one
    request per hundred changed rows, none when the value is the one last
    pushed."""

    _name = "prestashop.stock.exporter"
    _inherit = "prestashop.stock.synchronizer"
    _usage = "stock.exporter"

    def run(self, products):
        backend = self.backend_record
        if not backend.stock_sync:
            return _("Stock push is disabled on %s: nothing sent.", backend.name)
        variants = self._bound_variants(products)
        if not variants:
            return _("Not a storable product bound to %s: nothing sent.", backend.name)
        # Two workers pushing the same variant would send the same value, but
        # could both create its stock row: serialise them.
        product_ids = sorted({v.product_id for v in variants})
        self.advisory_lock_or_retry(
            f"prestashop-stock({backend.id},{product_ids})", retry_seconds=5
        )
        Product = self.env["product.product"]
        sent, unchanged, missing = 0, 0, 0
        done_shops = self.env["prestashop.shop"]
        for ctx in self._contexts():
            targets = self.quantity.compute(
                Product.browse({v.product_id for v in variants}), ctx.warehouses
            )
            rows, pushes = {}, []
            for variant in variants:
                row = self._get_row(variant, ctx, done_shops)
                if row is None:
                    missing += 1
                    continue
                if not row:  # a row shared with a shop already pushed
                    continue
                target = targets[variant.product_id]
                if row.date_pushed and row.quantity_pushed == target:
                    unchanged += 1
                    continue
                rows[row.prestashop_id] = row
                pushes.append((row.prestashop_id, target))
            written, gone = self._push_many(pushes, rows)
            for row_id, values in written.items():
                rows[row_id].write(values)
            # deleted on the shop: found again (or not) on the next push
            self.env["prestashop.stock.available"].union(
                *(rows[row_id] for row_id in gone)
            ).unlink()
            sent += len(written)
            missing += len(gone)
            done_shops |= ctx.shop
        return _(
            "%(sent)s quantities sent, %(unchanged)s unchanged, %(missing)s "
            "without a stock row in PrestaShop.",
            sent=sent,
            unchanged=unchanged,
            missing=missing,
        )

    def _get_row(self, variant, ctx, done_shops):
        """The row of this variant in this shop: known, or found once in
        PrestaShop and remembered.  None when PrestaShop has none; an empty
        recordset when the row belongs to a shop already handled."""
        Row = self.env["prestashop.stock.available"]
        backend = self.backend_record
        row = Row.search(
            [
                ("backend_id", "=", backend.id),
                ("shop_id", "=", ctx.shop.id),
                ("ps_product_id", "=", variant.ps_product_id),
                ("ps_product_attribute_id", "=", variant.ps_product_attribute_id),
            ],
            limit=1,
        )
        if row:
            return row
        record = self.adapter.find(
            variant.ps_product_id, variant.ps_product_attribute_id, ctx.row_filter
        )
        if not record or not self._in_context(record, ctx):
            return None
        values = self._row_values(variant, record, ctx)
        row = Row.search(
            [
                ("backend_id", "=", backend.id),
                ("prestashop_id", "=", values["prestashop_id"]),
            ]
        )
        if row:
            if row.shop_id and row.shop_id in done_shops:
                return Row  # shared stock (shop group): already pushed
            row.write(values)
            return row
        return Row.create(values)


class StockReconciler(Component):
    """Every bound quantity against PrestaShop, in bulk: a constant number of
    reads, one write request per hundred rows that differ.  Also corrects
    drift (a quantity changed inside PrestaShop), except a fall that an
    order placed there and not imported yet explains: that one waits
    ``stock_drift_grace`` minutes, so the shop and Odoo do not overwrite
    each other."""

    _name = "prestashop.stock.reconciler"
    _inherit = "prestashop.stock.synchronizer"
    _usage = "stock.reconciler"

    def run(self):
        backend = self.backend_record
        if not backend.stock_sync:
            return _("Stock push is disabled on %s: nothing sent.", backend.name)
        self.advisory_lock_or_retry(
            f"prestashop-stock-reconcile({backend.id})", retry_seconds=60
        )
        started = time.perf_counter()
        http_seconds = 0.0
        requests_before = self.client.request_count
        stats = dict.fromkeys(("rows", "pushed", "drift", "waiting", "missing"), 0)
        variants = self._bound_variants()
        products = self.env["product.product"].browse({v.product_id for v in variants})
        Row = self.env["prestashop.stock.available"]
        rows = Row.search([("backend_id", "=", backend.id)])
        rows_by_id = {row.prestashop_id: row for row in rows}
        claimed = set()
        now = fields.Datetime.now()
        updates, pushes = {}, []
        for ctx in self._contexts():
            http_started = time.perf_counter()
            records = self.adapter.read_rows(
                sorted({v.ps_product_id for v in variants}),
                ctx.row_filter,
                expected_rows=self.adapter.expected_rows(
                    (v.ps_product_id, v.ps_product_attribute_id) for v in variants
                ),
            )
            http_seconds += time.perf_counter() - http_started
            # this shop's (or shop group's) rows only, by product/combination
            by_key = {
                (int(r["id_product"]), int(r["id_product_attribute"])): r
                for r in records
                if self._in_context(r, ctx)
            }
            targets = self.quantity.compute(products, ctx.warehouses)
            to_create, pairs = [], []
            for variant in variants:
                record = by_key.get(
                    (variant.ps_product_id, variant.ps_product_attribute_id)
                )
                if record is None:
                    stats["missing"] += 1
                    continue
                row_id = int(record["id"])
                if row_id in claimed:  # shared stock: pushed for a previous shop
                    continue
                claimed.add(row_id)
                if row_id not in rows_by_id:
                    to_create.append(self._row_values(variant, record, ctx))
                pairs.append((row_id, variant, record))
            if to_create:
                for row in Row.create(to_create):
                    rows_by_id[row.prestashop_id] = row
            for row_id, variant, record in pairs:
                row = rows_by_id[row_id]
                stats["rows"] += 1
                target = targets[variant.product_id]
                shop_quantity = int(float(record.get("quantity") or 0))
                action, values = self._decide(row, target, shop_quantity, now)
                if action == "push":
                    pushes.append((row_id, target))
                    stats["pushed"] += 1
                    if row.date_pushed and shop_quantity != row.quantity_pushed:
                        stats["drift"] += 1
                elif action == "wait":
                    stats["waiting"] += 1
                if ctx.shop and row.shop_id != ctx.shop:
                    values = dict(values or {}, shop_id=ctx.shop.id)
                if values:
                    updates[row_id] = values
        http_started = time.perf_counter()
        self._push_and_write(pushes, rows_by_id, updates, stats)
        http_seconds += time.perf_counter() - http_started
        elapsed = time.perf_counter() - started
        stats.update(
            requests=self.client.request_count - requests_before,
            compute=elapsed - http_seconds,
            seconds=elapsed,
        )
        summary = _(
            "%(rows)s rows checked, %(pushed)s pushed (%(drift)s drift corrected), "
            "%(waiting)s waiting for orders to be imported, %(missing)s without a "
            "stock row in PrestaShop; %(requests)s requests, %(seconds).1f s "
            "(%(compute).2f s computing).",
            **stats,
        )
        backend.write(
            {"stock_last_reconcile": now, "stock_last_reconcile_summary": summary}
        )
        self.work.stock_stats = stats  # for the benchmark
        _logger.info(
            "PrestaShop stock reconciliation (backend %s): %s", backend.id, summary
        )
        return summary

    def _push_and_write(self, pushes, rows_by_id, updates, stats):
        """Send ``pushes`` (``[(row id, quantity)]``), then store on the rows
        what was sent and the other ``updates``; a row deleted on the shop
        since it was read is forgotten and counted as missing."""
        written, gone = self._push_many(pushes, rows_by_id)
        for row_id, values in written.items():
            updates[row_id] = dict(updates.get(row_id) or {}, **values)
        for row_id in gone:
            updates.pop(row_id, None)
        stats["pushed"] -= len(gone)
        stats["missing"] += len(gone)
        self._write_rows(rows_by_id, updates)
        self.env["prestashop.stock.available"].union(
            *(rows_by_id[row_id] for row_id in gone)
        ).unlink()

    def _decide(self, row, target, shop_quantity, now):
        """("ok" | "push" | "wait", values to store on the row)."""
        if shop_quantity == target:
            if (
                row.date_pushed
                and row.quantity_pushed == target
                and not row.drift_since
            ):
                return "ok", None
            return "ok", {
                "quantity_pushed": target,
                "date_pushed": now,
                "drift_since": False,
                "drift_quantity": 0,
            }
        moved_alone = not row.date_pushed or shop_quantity != row.quantity_pushed
        if shop_quantity < target and moved_alone:
            # PrestaShop went down on its own: most likely an order placed
            # there that Odoo has not imported (and reserved) yet.  Raising it
            # now would sell the same units twice; wait for the import.
            grace = timedelta(minutes=self.backend_record.stock_drift_grace or 0)
            if row.drift_since and row.drift_quantity == shop_quantity:
                if row.drift_since + grace <= now:
                    return "push", None
                return "wait", None
            if not grace:
                return "push", None
            return "wait", {"drift_since": now, "drift_quantity": shop_quantity}
        return "push", None

    def _write_rows(self, rows_by_id, updates):
        """Grouped writes: rows sharing the same new values in one write."""
        groups = {}
        for row_id, values in updates.items():
            key = tuple(sorted(values.items()))
            groups.setdefault(key, []).append(row_id)
        Row = self.env["prestashop.stock.available"]
        for key, row_ids in groups.items():
            Row.browse([rows_by_id[i].id for i in row_ids]).write(dict(key))
