"""What the demo does in the merchant's place (never connector code).

The connector never invents stock, tracking numbers or products; on the demo
shop's first day somebody has to: the opening inventory is counted, a parcel
is handed to the carrier with its tracking number, a new product is created
in Odoo.  Each function does that the way a user does in Odoo (inventory
adjustment, delivery validated, product form); the connector then pushes it to
PrestaShop as it would for a real user.
"""

#: counted quantity of every product the shop sells (opening inventory)
OPENING_STOCK = 20
#: tracking numbers of the demo's parcels: 6A0DEMO + the PrestaShop order id
TRACKING_PREFIX = "6A0DEMO"
PRODUCT_REF = "ODOO-DEMO-TSHIRT"
#: a 1x1 red PNG: the demo product's picture
PRODUCT_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLv"
    "AAAAAElFTkSuQmCC"
)


def shop_variants(backend):
    """The storable variants the shop sells (bound to the backend)."""
    env = backend.env
    domain = [("backend_id", "=", backend.id)]
    variants = (
        env["prestashop.product.combination"].search(domain).odoo_id
        | env["prestashop.product.template"].search(domain).odoo_id.product_variant_ids
    )
    return variants.filtered("is_storable")


def count_opening_stock(backend):
    """The opening inventory: every variant the shop sells counted in the
    backend's warehouse (an inventory adjustment, applied)."""
    env = backend.env
    location = backend.warehouse_id.lot_stock_id
    variants = shop_variants(backend)
    quants = env["stock.quant"]
    for variant in variants:
        quants |= (
            env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": variant.id,
                    "location_id": location.id,
                    "inventory_quantity": OPENING_STOCK,
                }
            )
        )
    quants.action_apply_inventory()
    # the orders imported before the count get their goods reserved now
    pickings = env["prestashop.sale.order"].search(domain_of(backend)).picking_ids
    pickings = pickings.filtered(lambda p: p.state in ("confirmed", "waiting"))
    if pickings:
        pickings.action_assign()
    return variants


def domain_of(backend):
    return [("backend_id", "=", backend.id)]


def ship_one_order(backend):
    """The warehouse ships the first imported order: its delivery is
    validated with the carrier's tracking number; the connector's back-flow
    job tells PrestaShop (tracking number, state "Shipped")."""
    env = backend.env
    for binding in env["prestashop.sale.order"].search(
        domain_of(backend) + [("state", "=", "sale")], order="prestashop_id"
    ):
        picking = binding.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing"
            and p.state not in ("done", "cancel")
        )[:1]
        if not picking:
            continue
        picking.action_assign()
        if picking.state != "assigned":
            continue  # not everything in stock: the next order
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.carrier_tracking_ref = f"{TRACKING_PREFIX}{binding.prestashop_id:05d}"
        picking.with_context(skip_sms=True).button_validate()
        return binding
    return None


def new_product(backend):
    """A product created in Odoo: a T-shirt in two sizes with the shop's
    usual tax, a picture, a French name."""
    env = backend.env
    size = env["product.attribute"].search([("name", "=", "Size")], limit=1)
    size = size or env["product.attribute"].create({"name": "Size"})
    values = env["product.attribute.value"]
    for name in ("S", "M"):
        values |= size.value_ids.filtered(lambda v, n=name: v.name == n) or env[
            "product.attribute.value"
        ].create({"name": name, "attribute_id": size.id})
    group = backend.tax_rule_group_ids.filtered(
        lambda g: g.odoo_id and not g.deleted
    ).sorted("prestashop_id")[:1]
    template = (
        env["product.template"]
        .with_context(lang="en_US")
        .create(
            {
                "name": "Odoo demo T-shirt",
                "is_storable": True,
                "list_price": 24.0,
                "standard_price": 8.0,
                "weight": 0.2,
                "image_1920": PRODUCT_PNG,
                "description_sale": "A T-shirt published from Odoo.",
                "taxes_id": [(6, 0, group.odoo_id.ids)],
                "attribute_line_ids": [
                    (0, 0, {"attribute_id": size.id, "value_ids": [(6, 0, values.ids)]})
                ],
            }
        )
    )
    template.with_context(lang="fr_FR").name = "T-shirt de démo Odoo"
    for variant in template.product_variant_ids:
        size_name = variant.product_template_attribute_value_ids.name
        variant.default_code = f"{PRODUCT_REF}-{size_name}"
    # back in the merchant's language (the English name was only the source)
    return template.with_env(env)


def publish_new_product(backend):
    """Stage: create the product in Odoo and publish it (export jobs)."""
    return new_product(backend).publish_on_prestashop(backend, delay=0)


def read_back_product(backend):
    """What PrestaShop shows for the published product (read back over the
    webservice), or None."""
    binding = backend.product_binding_ids.filtered(
        lambda b: b.prestashop_id
        and any(
            (v.default_code or "").startswith(PRODUCT_REF)
            for v in b.product_variant_ids
        )
    )[:1]
    if not binding:
        return None
    with backend.work_on("prestashop.product.template") as work:
        adapter = work.component(usage="backend.adapter")
        record = adapter.read(binding.prestashop_id)
        priced = adapter.search_read(
            {
                "filter[id]": f"[{binding.prestashop_id}]",
                "price[price_ttc][use_tax]": "1",
                "display": "[id,price_ttc]",
            }
        )
    assoc = record.get("associations") or {}
    combinations = assoc.get("combinations") or []
    if isinstance(combinations, dict):
        combinations = [combinations]
    references = []
    with backend.work_on("prestashop.product.combination") as work:
        comb_adapter = work.component(usage="backend.adapter")
        for comb in combinations:
            references.append(comb_adapter.read(int(comb["id"])).get("reference"))
    names = record.get("name") or {}
    return {
        "id": binding.prestashop_id,
        "name": binding.odoo_id.with_context(lang="fr_FR").name,
        "names": [str(v) for v in names.values()]
        if isinstance(names, dict)
        else [names],
        "price_ttc": float(priced[0]["price_ttc"]) if priced else None,
        "odoo_price_ttc": binding.taxes_id.compute_all(binding.list_price)[
            "total_included"
        ],
        "references": sorted(r for r in references if r),
        "images": len(assoc.get("images") or []),
    }
