from . import test_example
