"""A PrestaShop webservice sandbox (8.1.2 and 9.0.0 profiles) for the
PrestaShop <-> Odoo connector's tests: real HTTP on 127.0.0.1, faithful output,
writes with their side effects, fault injection, request log."""

from .sandbox import Sandbox
from .server import LoggedRequest

__all__ = ["LoggedRequest", "Sandbox"]
__version__ = "0.1.0"
