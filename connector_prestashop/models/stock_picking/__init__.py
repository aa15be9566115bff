from . import common
from . import exporter
