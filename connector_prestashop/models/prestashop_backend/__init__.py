from . import common
from . import shop
from . import importer
from . import orders
