from . import test_catalog_export
from . import test_b2b_prices
from . import test_concurrency
from . import test_migrated_images
from . import test_shop_data_safety
from . import test_category_tree
