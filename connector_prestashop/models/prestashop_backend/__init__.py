from . import common
from . import shop
from . import importer
from . import orders
from . import backflow
from . import dashboard
from . import realtime
from . import migration
