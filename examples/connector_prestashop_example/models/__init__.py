from . import prestashop_backend
from . import product_template
from . import product_product
from . import sale_order
