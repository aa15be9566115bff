from . import prestashop_backend
from . import product_category
from . import product_attribute
from . import product_image
from . import product_template
from . import product_product
from . import product_pricelist
