"""The sandbox state: one table per resource, records indexed by id.

A record is a plain dict (see :mod:`prestashop_sandbox.seeds` for the format).
Tables keep insertion order, which stands in for MySQL's "natural" row order of
unsorted lists.  Every mutation goes through :class:`Store` under one lock and
runs the side effects of :mod:`prestashop_sandbox.logic`, whether it comes from
HTTP or from a test (``sb.store.update(...)``).
"""

from __future__ import annotations

import datetime as _dt
import gc
import itertools
import threading

from . import behaviours, logic


def now_str() -> str:
    return _dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def copy_record(rec: dict) -> dict:
    """Copy a record two levels deep (fast enough for the 10k shop, unlike
    ``copy.deepcopy``)."""
    out = {}
    for k, v in rec.items():
        if type(v) is dict:
            if k == "associations":
                out[k] = {a: [dict(i) for i in items] for a, items in v.items()}
            else:
                out[k] = dict(v)
        else:
            out[k] = v
    return out


def copy_tables(tables: dict) -> dict:
    return {
        res: {i: copy_record(r) for i, r in rows.items()}
        for res, rows in tables.items()
    }


class LazyTables(dict):
    """``{resource: {id: record}}`` that copies a table from the pristine
    snapshot the first time it is touched (copy-on-access per table)."""

    def __init__(self, tables: dict, pristine: dict | None = None):
        super().__init__(tables)
        self._pristine = pristine or {}

    def _load(self, key):
        if not dict.__contains__(self, key) and key in self._pristine:
            rows = self._pristine[key]
            dict.__setitem__(self, key, {i: copy_record(r) for i, r in rows.items()})

    def __getitem__(self, key):
        self._load(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        self._load(key)
        return dict.get(self, key, default)

    def setdefault(self, key, default=None):
        self._load(key)
        return dict.setdefault(self, key, default)

    def __contains__(self, key):
        return dict.__contains__(self, key) or key in self._pristine

    def keys(self):
        return list(dict.keys(self)) + [
            k for k in self._pristine if not dict.__contains__(self, k)
        ]

    def __iter__(self):
        return iter(self.keys())

    def values(self):
        return [self[k] for k in self.keys()]

    def items(self):
        return [(k, self[k]) for k in self.keys()]


class Store:
    """State of one sandbox.  ``profile`` gives the resource definitions."""

    def __init__(self, profile, tables: dict | None = None):
        self.profile = profile
        self.resources = profile.resources
        self.lock = threading.RLock()
        self._templates: dict = {}
        self.tables: dict = LazyTables({name: {} for name in self.resources})
        self.next_ids: dict = {}
        self.images: dict = {}  # (id_product, id_image) -> bytes
        self.used_carts: set = set()
        #: e-mails the shop sent (:func:`prestashop_sandbox.logic.send_state_mail`)
        self.outbox: list = []
        #: resource -> (table, {id: rank}) for :meth:`rows_by_ids`
        self._rank_cache: dict = {}
        if tables:
            self.load(tables)

    # -- loading -----------------------------------------------------------
    def load(self, seed: dict, *, consume: bool = False) -> None:
        """Add a seed's records (defaults filled, associations derived).

        ``complete`` builds a new dict per record, so the seed is never shared
        with the store.  With ``consume`` (the seed is a throw-away, as in
        :class:`~prestashop_sandbox.sandbox.Sandbox`) each seed record is
        dropped as soon as it is copied, so a large shop is not held twice.
        The cyclic garbage collector is paused meanwhile: loading creates
        millions of acyclic dicts, and its repeated scans of the growing heap
        cost more than the load itself."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            with self.lock:
                self._load(seed, consume)
        finally:
            if was_enabled:
                gc.enable()

    def _load(self, seed: dict, consume: bool) -> None:
        for res in list(seed):
            if res.startswith("_") or res not in self.resources:
                continue
            rows = seed[res]
            table = self.tables.setdefault(res, {})
            complete = self.complete
            if consume:
                pop = rows.pop
                for rid in list(rows):
                    rec = complete(res, pop(rid))
                    rec["id"] = rid = int(rid)
                    table[rid] = rec
                del seed[res]
            else:
                for rid, rec in rows.items():
                    rec = complete(res, rec)
                    rec["id"] = rid = int(rid)
                    table[rid] = rec
        self.images.update(seed.get("_images", {}))
        logic.derive_all(self)
        self._set_clock()
        self._reset_ids()

    def _set_clock(self) -> None:
        """Never hand out a date_upd older than the seed's newest one (a dump
        may come from a shop whose clock is ahead), so date filters used for
        incremental sync keep working."""
        latest = ""
        for rows in self.tables.values():
            for r in rows.values():
                for k in ("date_upd", "date_add"):
                    v = r.get(k)
                    if isinstance(v, str) and v > latest and v[:1] in "12":
                        latest = v
        self.clock_offset = 0.0
        if latest:
            try:
                t = _dt.datetime.strptime(latest, "%Y-%m-%d %H:%M:%S")
                self.clock_offset = max(
                    0.0, (t - _dt.datetime.now()).total_seconds() + 1
                )
            except ValueError:
                pass

    def now(self) -> str:
        return (
            _dt.datetime.now()
            + _dt.timedelta(seconds=getattr(self, "clock_offset", 0.0))
        ).strftime("%Y-%m-%d %H:%M:%S")

    def _reset_ids(self) -> None:
        self.next_ids = {
            res: (max(rows) + 1 if rows else 1) for res, rows in self.tables.items()
        }

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "tables": copy_tables(self.tables),
                "next_ids": dict(self.next_ids),
                "images": dict(self.images),
                "used_carts": set(self.used_carts),
            }

    def freeze(self) -> dict:
        """Make the current state the pristine one without copying it: the
        live tables become lazy copies of it (see :class:`LazyTables`)."""
        with self.lock:
            snap = {
                "tables": {k: self.tables[k] for k in list(self.tables)},
                "next_ids": dict(self.next_ids),
                "images": dict(self.images),
                "used_carts": set(self.used_carts),
            }
            self.restore(snap)
            return snap

    def restore(self, snap: dict) -> None:
        """Reset to a snapshot.  Tables are copied lazily, on first access,
        so resetting a 100k-order shop costs nothing until a table is used."""
        with self.lock:
            self.tables = LazyTables({}, snap["tables"])
            self.next_ids = dict(snap["next_ids"])
            self.images = dict(snap["images"])
            self.used_carts = set(snap["used_carts"])
            self.outbox = []
            self._rank_cache = {}

    def language_ids(self) -> list:
        langs = self.tables.get("languages") or {}
        return sorted(langs) or [1]

    def default_value(self, res: str, name: str):
        f = self.resources[res].field_map[name]
        if f.multilang:
            return {lang: "" for lang in self.language_ids()}
        return logic.field_default(res, f)

    def _template(self, res: str):
        """Per-resource defaults, computed once (seeding 800k rows must be
        fast)."""
        tpl = self._templates.get(res)
        if tpl is None:
            r = self.resources[res]
            plain = {}
            ml = set()
            for f in r.fields:
                if f.multilang:
                    ml.add(f.name)
                    plain[f.name] = None
                else:
                    plain[f.name] = logic.field_default(res, f)
            tpl = self._templates[res] = (plain, ml, [a.name for a in r.assocs])
        return tpl

    def complete(self, res: str, rec: dict) -> dict:
        """Fill the fields a seed left out with the definition defaults."""
        plain, ml, assoc_names = self._template(res)
        out = dict(plain)
        for k, v in rec.items():
            if k in out or k.startswith("_"):
                out[k] = v
        for name in ml:
            v = out[name]
            if not isinstance(v, dict):
                langs = self.language_ids()
                out[name] = {lang: "" if v is None else str(v) for lang in langs}
        if assoc_names:
            assocs = rec.get("associations") or {}
            out["associations"] = {a: list(assocs.get(a, ())) for a in assoc_names}
        return out

    # -- reads -------------------------------------------------------------
    def table(self, res: str) -> dict:
        return self.tables.setdefault(res, {})

    def get(self, res: str, rid) -> dict | None:
        return self.table(res).get(int(rid))

    def rows_by_ids(self, res: str, ids) -> list:
        """The records of ``ids`` (ints; unknown ones and repeats skipped) by
        direct look-up, as MySQL answers ``WHERE id IN (..)`` from the primary
        key, but in the table's order so the answer is the one a scan gives
        (a dump's tables are not always in id order)."""
        table = self.table(res)
        keys = [k for k in dict.fromkeys(ids) if k in table]
        if len(keys) > 1:
            keys.sort(key=self._positions(res, table, keys).__getitem__)
        return [table[k] for k in keys]

    def _positions(self, res: str, table: dict, keys: list) -> dict:
        """``{id: rank in the table's order}``, cached per table.  Rows added
        since the cache was built are the dict's last keys (insertion order),
        so only they are ranked; a delete (see :meth:`delete`), another table
        object (after ``restore``) or a count that does not add up rebuilds
        it, once.  Writes that bypass the store are not seen (the store's rule:
        every mutation goes through it)."""
        cached = self._rank_cache.get(res)
        if cached is not None and cached[0] is table:
            pos = cached[1]
            extra = len(table) - len(pos)
            if extra > 0:
                tail = list(itertools.islice(reversed(table), extra))
                if not any(k in pos for k in tail):
                    start = len(pos)
                    for i, k in enumerate(reversed(tail)):
                        pos[k] = start + i
            if all(k in pos for k in keys):
                return pos
        pos = {k: i for i, k in enumerate(table)}
        self._rank_cache[res] = (table, pos)
        return pos

    def search(self, res: str, **equals) -> list:
        out = []
        for rec in self.table(res).values():
            if all(str(rec.get(k)) == str(v) for k, v in equals.items()):
                out.append(rec)
        return out

    # -- writes ------------------------------------------------------------
    def allocate_id(self, res: str) -> int:
        rid = self.next_ids.get(res, 1)
        self.next_ids[res] = rid + 1
        return rid

    def create(self, res: str, values: dict, *, echo: dict | None = None) -> int:
        """Insert a record (defaults filled, side effects applied); returns id."""
        with self.lock:
            rec = self.complete(res, dict(values))
            rid = values.get("id") or self.allocate_id(res)
            rid = int(rid)
            if rid >= self.next_ids.get(res, 1):
                self.next_ids[res] = rid + 1
            rec["id"] = rid
            stamp = self.now()
            for k in ("date_add", "date_upd"):
                if k in rec and rec[k] in ("", None, "0000-00-00 00:00:00"):
                    rec[k] = stamp
            behaviours.run("before_create", self, res, rec, echo)
            self.table(res)[rid] = rec
            behaviours.run("after_create", self, res, rec, echo)
            return rid

    def update(
        self,
        res: str,
        rid,
        values: dict,
        *,
        echo: dict | None = None,
        touch: bool = True,
    ) -> dict:
        with self.lock:
            rec = self.table(res)[int(rid)]
            old = copy_record(rec)
            for k, v in values.items():
                if k == "id":
                    continue
                if k == "associations":
                    rec.setdefault("associations", {}).update(
                        {a: list(items) for a, items in v.items()}
                    )
                elif isinstance(v, dict) and isinstance(rec.get(k), dict):
                    rec[k] = {**rec[k], **v}
                else:
                    rec[k] = v
            if touch and "date_upd" in rec:
                rec["date_upd"] = self.now()
            behaviours.run("after_update", self, res, rec, old, echo)
            return rec

    def delete(self, res: str, rid) -> None:
        with self.lock:
            rec = self.table(res).pop(int(rid))
            behaviours.run("after_delete", self, res, rec)
            # a deleted id written again would rank at its old place
            self._rank_cache.clear()
