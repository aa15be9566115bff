"""Runtime loader of the resource definitions: ``?schema=synopsis`` files.

The sandbox keeps no copy of any shop's field tables.  When a sandbox starts,
the definitions are read from a *schema directory* holding one
``<resource>.synopsis.xml`` per resource, each the answer of a real shop to::

    GET /api/<resource>?schema=synopsis

(for every resource the shop's ``GET /api/`` lists; ``images`` and ``search``
have none).  Such a file gives, in the order PrestaShop renders them, every
field with its attributes (``required``, ``format``, ``maxSize``,
``read_only``/``readOnly``, ``notFilterable``), whether it is multilanguage
(``<language>`` children), and every association with its item node and the
item's fields (with their ``xlink:href`` targets).  What a synopsis does not
say (JSON number types, field-level ``xlink:href`` targets, ...) is added by
the hand-written rules of :mod:`prestashop_sandbox.resources`.

Where the schema directory comes from, first found wins:

1. ``schema_dir=`` (``Sandbox(schema_dir=...)``, ``--schema-dir``);
2. the environment variable ``PRESTASHOP_SCHEMA_DIR``;
3. ``<dump>/schema`` when the sandbox is seeded from a dump directory that has
   one;
4. the real-shop recordings, read in place: ``PRESTASHOP_RECORDINGS`` or
   ``<repo>/../shared/prestashop``, then ``<version>/dump/schema``.

A merchant makes their own schema directory with a small loop, e.g.::

    for r in $(resources of GET /api/); do
        curl -su "$KEY:" "$SHOP/api/$r?schema=synopsis" > schema/$r.synopsis.xml
    done

Parsing ~70 files takes a few tens of milliseconds; the result is cached per
process and directory (:func:`load_synopsis_dir`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

__all__ = [
    "SchemaNotFound",
    "SynopsisAssoc",
    "SynopsisField",
    "SynopsisResource",
    "find_schema_dir",
    "load_synopsis_dir",
]

SUFFIX = ".synopsis.xml"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ENV_SCHEMA = "PRESTASHOP_SCHEMA_DIR"
ENV_RECORDINGS = "PRESTASHOP_RECORDINGS"


class SchemaNotFound(RuntimeError):
    """No schema directory could be found for a version."""


@dataclass
class SynopsisField:
    name: str
    attrs: dict
    multilang: bool = False
    #: association item fields only: the resource ``xlink:href`` points to
    xlink: str | None = None


@dataclass
class SynopsisAssoc:
    name: str
    item: str
    attrs: dict
    fields: list


@dataclass
class SynopsisResource:
    name: str
    node: str
    fields: list
    assocs: list = field(default_factory=list)


def _repo_root() -> Path:
    # <repo>/sandbox/prestashop_sandbox/schema.py
    return Path(__file__).resolve().parents[2]


def recordings_root() -> Path:
    """``PRESTASHOP_RECORDINGS`` or ``<repo>/../shared/prestashop``."""
    env = os.environ.get(ENV_RECORDINGS)
    if env:
        return Path(env)
    return _repo_root().parent / "shared" / "prestashop"


def _has_synopsis(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*" + SUFFIX))


def find_schema_dir(version: str, schema_dir=None, dump_dir=None) -> Path:
    """The schema directory to use (see the module docstring for the order).

    Raises :class:`SchemaNotFound` with what to provide when there is none."""
    tried = []
    if schema_dir is not None:
        p = Path(schema_dir)
        if not _has_synopsis(p):
            raise SchemaNotFound(f"schema_dir {p} holds no <resource>{SUFFIX} file")
        return p
    env = os.environ.get(ENV_SCHEMA)
    if env:
        p = Path(env)
        if not _has_synopsis(p):
            raise SchemaNotFound(f"{ENV_SCHEMA}={p} holds no <resource>{SUFFIX} file")
        return p
    if dump_dir is not None:
        p = Path(dump_dir) / "schema"
        if _has_synopsis(p):
            return p
        tried.append(str(p))
    p = recordings_root() / version / "dump" / "schema"
    if _has_synopsis(p):
        return p
    tried.append(str(p))
    raise SchemaNotFound(
        f"no PrestaShop {version} schema directory found (tried: "
        + ", ".join(tried)
        + "). The sandbox reads the resource definitions at start-up from "
        f"<resource>{SUFFIX} files, each the answer of "
        "GET /api/<resource>?schema=synopsis of a real shop of that version. "
        f"Give such a directory with schema_dir=/--schema-dir or {ENV_SCHEMA}, "
        "put it in <dump>/schema of the dump you seed from, or point "
        f"{ENV_RECORDINGS} at the recordings folder (<it>/{version}/dump/schema)."
    )


def _attrs(el) -> dict:
    return {k: v for k, v in el.attrib.items() if not k.startswith("{")}


def _xlink_target(el) -> str | None:
    href = el.get(XLINK_HREF)
    if not href or "/api/" not in href:
        return None
    return href.split("/api/", 1)[1].strip("/") or None


def parse_synopsis(path: Path) -> SynopsisResource:
    name = path.name[: -len(SUFFIX)]
    root = etree.parse(str(path)).getroot()
    node = next(iter(root.iterchildren(tag=etree.Element)))
    fields, assocs = [], []
    for child in node.iterchildren(tag=etree.Element):
        if child.tag == "associations":
            for a in child.iterchildren(tag=etree.Element):
                item = next(iter(a.iterchildren(tag=etree.Element)), None)
                afields = []
                if item is not None:
                    afields = [
                        SynopsisField(f.tag, _attrs(f), False, _xlink_target(f))
                        for f in item.iterchildren(tag=etree.Element)
                    ]
                assocs.append(
                    SynopsisAssoc(
                        a.tag,
                        item.tag if item is not None else a.get("nodeType", ""),
                        _attrs(a),
                        afields,
                    )
                )
            continue
        ml = any(True for _ in child.iterchildren(tag="language"))
        fields.append(SynopsisField(child.tag, _attrs(child), ml))
    return SynopsisResource(name, node.tag, fields, assocs)


_CACHE: dict = {}
_CACHE_LOCK = threading.Lock()


def load_synopsis_dir(path) -> dict:
    """``{resource: SynopsisResource}`` for every synopsis file of ``path``.

    Cached per process and directory (keyed by the resolved path and the
    files' modification times); callers must not mutate the result."""
    path = Path(path).resolve()
    files = sorted(path.glob("*" + SUFFIX))
    key = (str(path), tuple((f.name, f.stat().st_mtime_ns) for f in files))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is None:
            hit = _CACHE[key] = {r.name: r for r in (parse_synopsis(f) for f in files)}
    return hit
