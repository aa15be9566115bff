# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Product pictures -> ``images/products/<id>`` (multipart POST, field
``image``).  Only new or changed pictures are sent (sha1 of the bytes);
pictures removed in Odoo are deleted on PrestaShop.  Variants showing the
same picture share one PrestaShop image (key ``variants-<sha1>``), as the
initial migration imports an image shared by several combinations."""

import base64
import hashlib

from urllib3 import encode_multipart_formdata

from odoo.tools import config

from odoo.addons.component.core import Component
from odoo.addons.connector_prestashop.components.backend_adapter import (
    handle_errors,
)
from odoo.addons.connector_prestashop.components.webservice import (
    PrestaShopNetworkError,
    parse_xml,
)
from odoo.addons.connector_prestashop.models.product_image.common import (
    variant_image_key,
)


def _mimetype(data):
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png", "png"
    if data[:3] == b"GIF":
        return "image/gif", "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return "image/jpeg", "jpg"


class ProductImageSynchronizer(Component):
    _name = "prestashop.product.image.synchronizer"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.product.image"
    _usage = "image.synchronizer"

    def _commit(self):
        if not config["test_enable"]:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _sources(self, template, variants):
        """``[(key, bytes, variants)]`` in upload order (the first is the
        cover)."""
        Variant = self.env["product.product"]
        sources = []
        if template.image_1920:
            sources.append(
                ("main", base64.b64decode(template.image_1920), Variant.browse())
            )
        for image in template.prestashop_extra_image_ids:
            sources.append(
                (
                    f"extra-{image.id}",
                    base64.b64decode(image.image_1920),
                    image.product_id,
                )
            )
        # website_sale's extra pictures, when installed
        for image in (
            template["product_template_image_ids"]
            if "product_template_image_ids" in template._fields
            else []
        ):
            if image.image_1920:
                sources.append(
                    (
                        f"product-image-{image.id}",
                        base64.b64decode(image.image_1920),
                        Variant.browse(),
                    )
                )
        # one picture per distinct image, linked to every variant showing it
        # (as the initial migration binds a picture PrestaShop shares
        # between combinations)
        shared = {}
        for variant in variants:
            if variant.image_variant_1920:
                data = base64.b64decode(variant.image_variant_1920)
                key = variant_image_key(hashlib.sha1(data).hexdigest())
                if key in shared:
                    shared[key][2] |= variant
                else:
                    shared[key] = [key, data, variant]
        sources += [tuple(source) for source in shared.values()]
        return sources

    def _legacy_binding(self, existing, key, checksum):
        """A variant picture bound by an older version (``variant-<id>``,
        one per variant) with the same bytes: renamed ``key`` and reused
        instead of uploaded again (popped from ``existing``)."""
        if not key.startswith("variants-"):
            return None
        for old_key, binding in list(existing.items()):
            if old_key.startswith("variant-") and binding.checksum == checksum:
                del existing[old_key]
                binding.source_key = key
                return binding
        return None

    def _upload(self, product_id, key, data):
        adapter = self.component(usage="backend.adapter")
        mimetype, ext = _mimetype(data)
        body, content_type = encode_multipart_formdata(
            {"image": (f"{key}.{ext}", data, mimetype)}
        )
        path = f"images/products/{int(product_id)}"
        resp = adapter._call(
            "request",
            "POST",
            path,
            data=body,
            headers={"Content-Type": content_type},
        )
        # a garbled answer (cut connection) is a lost answer like any other:
        # retried (NetworkRetryableError), the message naming this request;
        # the retry binds the picture it may have created (_orphans)
        with handle_errors(adapter):
            root = parse_xml(resp.content, "POST", path)
            image_id = root.findtext("image/id")
            if not (image_id or "").strip().isdigit():
                raise PrestaShopNetworkError(
                    f"PrestaShop sent no image id in its answer to POST {path}.",
                    method="POST",
                    path=path,
                )
        return int(image_id)

    def _is_retry(self):
        """Whether this runs in a job that ran before (``job_uuid`` in the
        context, as queue_job sets it): a later try, or a job failed and
        requeued by hand (queue_job's *Requeue* sets its try count back to 0
        but keeps what the failure said): only then can an earlier run
        have uploaded a picture whose answer was lost."""
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return False
        job = self.env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)
        return bool(job.retry >= 1 or job.exc_info or job.result)

    def _orphans(self, template_binding):
        """PrestaShop image ids of the product that no picture of this
        backend is bound to and that are newer than every picture bound to
        the product (``[int]``, ascending; one ``GET images/products/<id>``,
        whose ``<declination id>`` list the images, as PrestaShop's
        ``WebserviceSpecificManagementImages`` prints them): what an earlier
        try uploaded before its answer was lost.  Image ids are one
        sequence for the whole shop, so the upload a lost answer hid is
        newer than the pictures bound before it."""
        adapter = self.component(usage="backend.adapter")
        root = adapter._call(
            "get_xml", f"images/products/{int(template_binding.prestashop_id)}"
        )
        ids = {
            int(el.get("id"))
            for el in root.iter("declination")
            if (el.get("id") or "").isdigit()
        }
        bound = set(
            self.env["prestashop.product.image"]
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", list(ids)),
                ]
            )
            .mapped("prestashop_id")
        )
        floor = max(template_binding.image_ids.mapped("prestashop_id") or [0])
        return sorted(i for i in ids - bound if i > floor)

    def _delete(self, product_id, image_id):
        adapter = self.component(usage="backend.adapter")
        try:
            adapter._call(
                "request",
                "DELETE",
                f"images/products/{int(product_id)}/{int(image_id)}",
            )
        except Exception as err:  # already gone on PrestaShop: fine
            if "400" not in str(err) and "404" not in str(err):
                raise

    def sync(self, template_binding, variants=None, fresh=False):
        """Upload new and changed pictures, delete removed ones.  Returns
        ``{variant id: [PrestaShop image ids]}`` for the combinations."""
        template = template_binding.odoo_id
        if variants is None:
            variants = template.product_variant_ids
        Image = self.env["prestashop.product.image"].with_context(
            connector_no_export=True
        )
        existing = {b.source_key: b for b in template_binding.image_ids}
        by_variant = {}
        # pictures a lost answer hid from an earlier try, read once at the
        # first upload of a retried job: bound instead of uploaded twice
        orphans = None
        for sequence, (key, data, for_variants) in enumerate(
            self._sources(template, variants)
        ):
            checksum = hashlib.sha1(data).hexdigest()
            binding = existing.pop(key, None) or self._legacy_binding(
                existing, key, checksum
            )
            if not (binding and binding.checksum == checksum and binding.prestashop_id):
                if binding and binding.prestashop_id:
                    self._delete(template_binding.prestashop_id, binding.prestashop_id)
                if orphans is None:
                    orphans = (
                        self._orphans(template_binding)
                        if not fresh and self._is_retry()
                        else []
                    )
                if orphans:
                    image_id = orphans.pop(0)
                else:
                    image_id = self._upload(template_binding.prestashop_id, key, data)
                values = {
                    "prestashop_id": image_id,
                    "checksum": checksum,
                    "sequence": sequence,
                    "variant_ids": [(6, 0, for_variants.ids)],
                }
                if binding:
                    binding.write(values)
                else:
                    binding = Image.create(
                        dict(
                            values,
                            backend_id=self.backend_record.id,
                            main_template_id=template_binding.id,
                            source_key=key,
                        )
                    )
                self._commit()
            elif binding.variant_ids != for_variants:
                binding.variant_ids = [(6, 0, for_variants.ids)]
            for variant in for_variants:
                by_variant.setdefault(variant.id, []).append(binding.prestashop_id)
        for binding in existing.values():
            if binding.prestashop_id:
                self._delete(template_binding.prestashop_id, binding.prestashop_id)
            binding.unlink()
            self._commit()
        return by_variant
