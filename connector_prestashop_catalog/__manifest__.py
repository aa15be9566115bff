# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PrestaShop-Odoo connector: catalog export",
    "summary": "Odoo is the product master: products, variants, images and "
    "prices exported to PrestaShop",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "PrestaShop Odoo Connector contributors,Odoo Community Association (OCA)",
    "website": "https://github.com/OCA/connector-prestashop",
    "category": "Connector",
    "development_status": "Alpha",
    "maintainers": ["prestashop-odoo-connector"],
    "depends": ["connector_prestashop"],
    # URL names transliterated (components/text_rules.py)
    "external_dependencies": {"python": ["python-slugify"]},
    "data": [
        "security/prestashop_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "views/product_views.xml",
    ],
    "installable": True,
}
