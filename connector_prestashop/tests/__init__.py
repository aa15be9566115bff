from . import test_webservice
from . import test_backend
from . import test_metadata
from . import test_faults
from . import test_security
from . import test_orders
from . import test_migration
