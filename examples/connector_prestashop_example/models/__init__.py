from . import prestashop_backend
from . import product_template
from . import sale_order
