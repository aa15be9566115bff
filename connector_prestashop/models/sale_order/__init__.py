from . import common
from . import importer
from . import state_exporter
from . import backflow
from . import held_reimport
