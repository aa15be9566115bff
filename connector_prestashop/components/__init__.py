from . import core
from . import version
from . import binder
from . import backend_adapter
from . import mapper
from . import importer
from . import exporter
from . import deleter
