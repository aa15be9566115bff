"""``python -m prestashop_sandbox --port N --key KEY ...``"""

from .cli import main

raise SystemExit(main())
