from . import common
from . import importer
from . import exporter
