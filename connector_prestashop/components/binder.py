# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component


class PrestashopBinder(Component):
    """Links PrestaShop ids (integers) and Odoo records, per backend.

    It applies to every binding model of the collection (no ``_apply_on``), so
    a new binding model needs no registration here."""

    _name = "prestashop.binder"
    _inherit = ["prestashop.base", "base.binder"]
    _external_field = "prestashop_id"

    #: binding models of the shop's settings, mapped before any import
    #: (metadata, categories): a job looks each of their ids up once (the
    #: work's ``lookup_cache``), not once per record; ids not bound yet are
    #: looked up again (a job may import them)
    _cached_models = frozenset(
        {
            "prestashop.res.country",
            "prestashop.res.country.state",
            "prestashop.res.lang",
            "prestashop.res.currency",
            "prestashop.tax.rule.group",
            "prestashop.product.category",
        }
    )

    def to_internal(self, external_id, unwrap=False):
        if isinstance(external_id, str) and external_id.strip().isdigit():
            external_id = int(external_id)
        cache = getattr(self.work, "lookup_cache", None)
        if cache is None or self.model._name not in self._cached_models:
            return super().to_internal(external_id, unwrap=unwrap)
        key = ("binder", self.model._name, external_id, unwrap)
        found = cache.get(key)
        if found is None:
            found = super().to_internal(external_id, unwrap=unwrap)
            if not found:
                return found
            cache[key] = found
        return found.with_env(self.env)

    def prime(self, external_ids, unwrap=False):
        """Look the bindings of ``external_ids`` (PrestaShop ids, ints) up
        at once (one search, :meth:`to_internal_many`) and keep those found
        in the work's ``lookup_cache``, as :meth:`to_internal` keeps each
        once found: a chunk's records then look them up for nothing (its
        products' categories, a few of dozens each).  Nothing for a model
        :meth:`to_internal` does not cache."""
        cache = getattr(self.work, "lookup_cache", None)
        if cache is None or self.model._name not in self._cached_models:
            return
        key = ("binder", self.model._name)
        ids = {int(i) for i in external_ids} - {0}
        todo = [i for i in ids if (*key, i, unwrap) not in cache]
        for external_id, binding in self.to_internal_many(todo).items():
            cache[(*key, external_id, unwrap)] = (
                binding[self._odoo_field] if unwrap else binding
            )

    def to_internal_many(self, external_ids):
        """``{PrestaShop id (int): binding}`` of those of ``external_ids``
        (ints) bound on the backend, archived ones too: what
        :meth:`to_internal` gives each, in one search."""
        ids = list({int(i) for i in external_ids})
        if not ids:
            return {}
        bindings = self.model.with_context(active_test=False).search(
            [
                (self._external_field, "in", ids),
                (self._backend_field, "=", self.backend_record.id),
            ]
        )
        return {
            binding[self._external_field]: binding.with_env(self.model.env)
            for binding in bindings
        }

    def bind(self, external_id, binding):
        return super().bind(int(external_id), binding)
