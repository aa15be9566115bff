from . import common
from . import exporter
from . import listener
from . import importer
