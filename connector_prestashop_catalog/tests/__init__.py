from . import test_catalog_export
from . import test_b2b_prices
from . import test_concurrency
from . import test_migrated_images
