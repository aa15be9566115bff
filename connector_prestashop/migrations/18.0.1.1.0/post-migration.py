# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: order lines carry the unit price the customer saw (2
decimals), so the 6-decimal "PrestaShop Price" precision that every sale and
invoice line of the database used goes away."""


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM decimal_precision
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'connector_prestashop'
                         AND name = 'decimal_prestashop_price')
        """
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'connector_prestashop' AND name = 'decimal_prestashop_price'
        """
    )
