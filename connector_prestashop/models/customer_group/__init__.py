from . import common
from . import importer
