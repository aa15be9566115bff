from . import common
from . import stock
from . import components
