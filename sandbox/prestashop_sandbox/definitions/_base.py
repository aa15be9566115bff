"""The shapes of a resource definition: :class:`F` (a field), :class:`A` (an
association), :class:`R` (a resource) and :class:`Change` (what a later
PrestaShop version changes), mirroring PrestaShop's ObjectModel.

A PrestaShop class declares ``public static $definition = ['table' => ..,
'fields' => [name => ['type' => self::TYPE_INT, 'validate' => 'isUnsignedId',
'size' => 64, 'required' => true, 'lang' => true], ..]]`` and ``protected
$webserviceParameters = ['fields' => [name => ['getter' => .., 'setter' =>
false, 'xlink_resource' => ..]], 'associations' => [..]]``.  The webservice
renders ``id``, then the ``webserviceParameters`` fields in their order, then
the other definition fields in theirs (``ObjectModel::getWebserviceParameters``);
the definitions here are written in that rendering order.

What the synopsis shows for a field (``WebserviceOutputBuilder::
getSynopsisDetails`` and ``WebserviceOutputXML::renderField``), in this order:
``notFilterable`` (a getter; not on multilanguage fields), ``read_only``
(``'setter' => false``; not on multilanguage fields), ``required``,
``maxSize``, ``format`` (the validator), ``readOnly`` (``setter`` false or
null).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["A", "Change", "F", "R", "apply_change"]


@dataclass(frozen=True)
class F:
    """One field.

    ``type``: the ObjectModel type (``int``, ``bool``, ``string``, ``float``,
    ``date``, ``html``, ``sql``, ``nothing``) or ``None`` for a webservice-only
    field; ``format``: the ``Validate::<format>`` method checked on writes;
    ``size``: the maximal length in characters (``maxSize``); ``lang``:
    multilanguage (one value per language); ``getter``: computed by a
    webservice getter (``notFilterable``); ``setter``: ``False`` for a
    read-only field (``read_only`` + ``readOnly``, left out of the blank
    schema), ``None`` for ``'setter' => null`` (``readOnly`` only), ``True``
    otherwise; ``xlink``: the resource its value links to (``xlink:href``)."""

    name: str
    type: str | None = None
    format: str | None = None
    size: int | None = None
    required: bool = False
    lang: bool = False
    getter: bool = False
    setter: bool | None = True
    xlink: str | None = None

    def synopsis_attrs(self) -> dict:
        """The attributes of this field in ``?schema=synopsis``, in order."""
        a = {}
        if self.getter and not self.lang:
            a["notFilterable"] = "true"
        if self.setter is False and not self.lang:
            a["read_only"] = "true"
        if self.required:
            a["required"] = "true"
        if self.size:
            a["maxSize"] = str(self.size)
        if self.format:
            a["format"] = self.format
        if self.setter is not True:
            a["readOnly"] = "true"
        return a


@dataclass(frozen=True)
class A:
    """One association: ``name`` (the wrapper node), ``item`` (the node of each
    item, ``nodeType``), ``api`` (the resource the items are; the name when
    ``None``), ``virtual`` (items are not a resource: ``virtualEntity``) and
    the item ``fields`` (``id`` alone when not given)."""

    name: str
    item: str
    api: str | None = None
    virtual: bool = False
    fields: tuple = (F("id"),)

    def __post_init__(self):
        object.__setattr__(self, "fields", tuple(self.fields))

    def synopsis_attrs(self) -> dict:
        if self.virtual:
            return {"nodeType": self.item, "virtualEntity": "true"}
        return {"nodeType": self.item, "api": self.api or self.name}


@dataclass(frozen=True)
class R:
    """One webservice resource: its ``name`` (the URL segment), ``node`` (the
    object node, ``objectNodeName``), the PrestaShop class ``cls``, the list
    node (``objectsNodeName``, the name when ``None``), its fields in rendering
    order and its associations.  ``since``: the first version that serves it."""

    name: str
    node: str
    cls: str
    fields: tuple = ()
    associations: tuple = ()
    list_node: str | None = None
    since: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "fields", tuple(self.fields))
        object.__setattr__(self, "associations", tuple(self.associations))


@dataclass(frozen=True)
class Change:
    """What a version changes in a resource: ``remove`` field names, ``update``
    fields (``{name: {attribute: value}}``, e.g. ``{"ean13": {"format":
    "isGtin", "size": 14}}``), ``insert`` new fields after a field
    (``{after: (F(..), ..)}``) and ``move`` a field after another
    (``{name: after}``)."""

    remove: tuple = ()
    update: dict = field(default_factory=dict)
    insert: dict = field(default_factory=dict)
    move: dict = field(default_factory=dict)


def _insert_after(fields: list, after: str, new: list) -> list:
    at = [f.name for f in fields].index(after) + 1
    return fields[:at] + list(new) + fields[at:]


def apply_change(res: R, change: Change) -> R:
    """``res`` as ``change`` leaves it."""
    fields = [f for f in res.fields if f.name not in change.remove]
    fields = [replace(f, **change.update.get(f.name, {})) for f in fields]
    for after, new in change.insert.items():
        fields = _insert_after(fields, after, new)
    for name, after in change.move.items():
        moved = next(f for f in fields if f.name == name)
        fields = _insert_after([f for f in fields if f.name != name], after, [moved])
    return replace(res, fields=tuple(fields))
