# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# An example of a per-client adaptation of the PrestaShop connector.  Copy
# this folder, rename it (connector_prestashop_<client>), keep what the client
# needs and delete the rest: nothing here changes connector_prestashop itself.
{
    "name": "PrestaShop-Odoo connector: example of a client adaptation",
    "summary": "Copy me: custom fields mapped (product both ways, combination), "
    "an extra import rule, order-state rules, by _inherit of the connector's "
    "components",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "PrestaShop Odoo Connector contributors,Odoo Community Association (OCA)",
    "website": "https://github.com/OCA/connector-prestashop",
    "category": "Connector",
    "development_status": "Alpha",
    "maintainers": ["prestashop-odoo-connector"],
    # connector_prestashop: the backend, orders and the product import;
    # connector_prestashop_catalog: the product export mapper extended here.
    # A client who does not export the catalogue depends on the first only
    # and drops models/product_template/exporter.py.
    "depends": ["connector_prestashop", "connector_prestashop_catalog"],
    "data": [
        "views/prestashop_backend_views.xml",
        "views/product_template_views.xml",
        "views/product_product_views.xml",
    ],
    "installable": True,
}
