from . import common
from . import exception
from . import importer
from . import state_exporter
from . import backflow
