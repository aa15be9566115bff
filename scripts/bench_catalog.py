"""Benchmark scenario of the catalog export (connector_prestashop_catalog).

    BENCH_MODULES=bench_catalog setup/bench --only catalog_export
    BENCH_CATALOG_N=100 BENCH_MODULES=bench_catalog setup/bench --only catalog_export

Creates N templates (default 500) with 4 variants and 2 pictures each,
publishes them (first export), then changes one field on all of them
(update, through the listener); reports requests per product and products
per minute.
"""

import base64
import io
import os
import time

from benchlib import scenario

import odoo.tools


def _png(i):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (i % 256, (i * 7) % 256, (i * 13) % 256)).save(
        buf, format="PNG"
    )
    return base64.b64encode(buf.getvalue())


def _setup(env, sandbox):
    from benchlib import new_backend

    # a dedicated host: no request budget, so that the figures are the
    # connector's (with a shared host's 90 a minute, the budget sets the pace)
    backend = new_backend(env, sandbox, request_budget=0)
    env.ref("base.lang_fr").active = True
    backend.default_lang_id = env.ref("base.lang_en")
    for ps_id, lang in ((1, "base.lang_en"), (2, "base.lang_fr")):
        env["prestashop.res.lang"].create(
            {
                "backend_id": backend.id,
                "prestashop_id": ps_id,
                "name": lang,
                "ps_active": True,
                "odoo_id": env.ref(lang).id,
            }
        )
    tax = env["account.tax"].search(
        [
            ("amount", "=", 20.0),
            ("type_tax_use", "=", "sale"),
            ("company_id", "=", env.company.id),
        ],
        limit=1,
    )
    env["prestashop.tax.rule.group"].create(
        {
            "backend_id": backend.id,
            "prestashop_id": 1,
            "name": "FR 20%",
            "ps_active": True,
            "odoo_id": tax.id,
        }
    )
    return backend, tax


@scenario("catalog_export")
def catalog_export(env, sandbox, args):
    """Catalog export: N templates x 4 variants x 2 images, then one field."""
    from benchlib import last_job_id, progress, run_jobs

    n = int(os.environ.get("BENCH_CATALOG_N", "500"))
    progress(f"set-up: {n} templates with 4 variants and 2 images in Odoo")
    backend, tax = _setup(env, sandbox)
    attribute = env["product.attribute"].create(
        {
            "name": "Bench size",
            "value_ids": [(0, 0, {"name": s}) for s in ("XS", "S", "M", "L")],
        }
    )
    categ = env["product.category"].create({"name": "Bench"})
    templates = env["product.template"]
    for i in range(n):
        template = (
            env["product.template"]
            .with_context(connector_no_export=True)
            .create(
                {
                    "name": f"Bench product {i}",
                    "list_price": 10 + i % 50 + 0.99,
                    "standard_price": 5.0,
                    "weight": 0.5,
                    "categ_id": categ.id,
                    "taxes_id": [(6, 0, tax.ids)],
                    "image_1920": _png(i),
                    "attribute_line_ids": [
                        (
                            0,
                            0,
                            {
                                "attribute_id": attribute.id,
                                "value_ids": [(6, 0, attribute.value_ids.ids)],
                            },
                        )
                    ],
                    "prestashop_extra_image_ids": [
                        (0, 0, {"name": "back", "image_1920": _png(i + 1)})
                    ],
                }
            )
        )
        for variant in template.product_variant_ids:
            variant.with_context(
                connector_no_export=True
            ).default_code = (
                f"BENCH{i}-{variant.product_template_attribute_value_ids.name}"
            )
        templates |= template
    env.flush_all()
    # exporters commit between records outside tests: keep the bench
    # database untouched, as the other scenarios do
    test_enable = odoo.tools.config["test_enable"]
    odoo.tools.config["test_enable"] = True
    try:
        last = last_job_id(env)
        sandbox.clear_log()
        started = time.perf_counter()
        progress("first export (measured)")
        templates.publish_on_prestashop(backend)
        run_jobs(env, last)
        first_time = time.perf_counter() - started
        first_requests = len(sandbox.requests)
        exported = len(templates.prestashop_bind_ids.filtered("prestashop_id"))

        last = last_job_id(env)
        sandbox.clear_log()
        started = time.perf_counter()
        progress("update of one field (measured)")
        for template in templates:
            template.list_price += 1.0  # one field, through the listener
        update_jobs = run_jobs(env, last)
        update_time = time.perf_counter() - started
        update_requests = len(sandbox.requests)
        methods = sorted({r.method for r in sandbox.requests})
    finally:
        odoo.tools.config["test_enable"] = test_enable
    return [
        ("products (templates)", f"{exported} of {n}, 4 variants, 2 images each"),
        ("request budget", "none (a dedicated host)"),
        ("first export requests", first_requests),
        (
            "  per product",
            f"{first_requests / max(exported, 1):.2f} "
            "(target <= 1 + 4 + 2 + small constant)",
        ),
        ("  wall time", f"{first_time:.1f} s"),
        ("  products per minute", f"{exported / first_time * 60:.0f}"),
        ("update jobs (one field)", update_jobs),
        ("update requests", f"{update_requests} ({', '.join(methods)})"),
        ("  per product", f"{update_requests / max(exported, 1):.2f} (target 1)"),
        ("  wall time", f"{update_time:.1f} s"),
        ("  products per minute", f"{exported / update_time * 60:.0f}"),
    ]
