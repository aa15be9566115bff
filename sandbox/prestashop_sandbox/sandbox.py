"""The in-process API the connector's tests use (keep it stable)::

sb = Sandbox(key="KEY", version="8.1.2", seed="demo").start()
sb.url, sb.key, sb.store, sb.faults, sb.requests
sb.reset(); sb.place_order(...); sb.set_order_state(...); sb.stop()
sb.deny("order_carriers"); sb.deny("orders", "PUT")  # the key's permissions
"""

from __future__ import annotations

import threading

from . import logic
from .api import WebserviceApp
from .faults import Faults
from .profiles import get_profile
from .seeds import load_seed
from .store import Store


class Sandbox:
    def __init__(
        self,
        key: str = "SANDBOXKEY",
        version: str = "8.1.2",
        seed="demo",
        port: int = 0,
        fault_seed: int = 0,
    ):
        """``seed``: ``"demo"``, ``"demo-multishop"``,
        ``"demo-multishop-shared"``, ``"empty"``, an int N (generated shop), a
        seed dict or a dump directory.  The resource definitions are the
        package's own (:mod:`prestashop_sandbox.definitions`) for
        ``version``."""
        self.key = key
        self.version = version
        self.profile = get_profile(version)
        self.store = Store(self.profile)
        self.store.load(load_seed(seed, resources=self.profile.resources), consume=True)
        self._pristine = self.store.freeze()
        self.app = WebserviceApp(self.store, key)
        self.faults = Faults(fault_seed)
        self.requests: list = []
        self._log_lock = threading.Lock()
        self._port = port
        self._server = None
        self._thread = None

    # -- lifecycle --------------------------------------------------------
    def start(self) -> Sandbox:
        from .server import SandboxServer

        self._server = SandboxServer(self, self._port)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- state --------------------------------------------------------------
    def reset(self) -> None:
        """Back to the seeded state (copy of the pristine tables), no faults,
        empty log."""
        self.store.restore(self._pristine)
        self.faults.reset()
        self.app.permissions = None
        self.clear_log()

    def deny(self, resource: str, *methods: str) -> None:
        """Take a permission away from the key, as unticking it in Advanced
        Parameters > Webservice does: ``deny("order_carriers")`` (the whole
        resource: 401, error 26) or ``deny("orders", "PUT")`` (one method:
        405, error 25).  :meth:`reset` gives every permission back."""
        self.app.deny(resource, *methods)

    @property
    def outbox(self) -> list:
        """The e-mails the shop sent since the last reset, oldest first (see
        :func:`prestashop_sandbox.logic.send_state_mail` for their shape)."""
        return self.store.outbox

    def clear_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def _record(self, entry) -> None:
        with self._log_lock:
            self.requests.append(entry)

    # -- back-office / checkout helpers ---------------------------------------
    def place_order(
        self,
        id_customer: int,
        lines,
        id_carrier: int,
        paid: bool = True,
        id_address_delivery=None,
        id_address_invoice=None,
        cart_rules=(),
        gift: bool = False,
        module: str = "ps_checkpayment",
        id_currency: int = 1,
    ) -> int:
        """What a customer checkout does: a cart, then validateOrder; the order
        ends in state 2 (paid) or awaiting payment (10 bank wire, 1 cheque).
        ``id_currency``: the cart's currency (2 is the demo's Swiss franc):
        the order's amounts are converted by its conversion_rate, see
        :func:`prestashop_sandbox.logic.validate_order`."""
        st = self.store
        with st.lock:
            cust = st.get("customers", id_customer)
            if cust is None:
                raise KeyError(f"customer {id_customer}")
            addrs = [
                a
                for a in st.search("addresses", id_customer=id_customer)
                if str(a.get("deleted", "0")) in ("0", "")
            ]
            addr_d = id_address_delivery or (addrs[0]["id"] if addrs else 0)
            addr_i = id_address_invoice or addr_d
            cart_id = st.create(
                "carts",
                {
                    "id_address_delivery": addr_d,
                    "id_address_invoice": addr_i,
                    "id_currency": id_currency,
                    "id_customer": id_customer,
                    "id_lang": int(cust.get("id_lang") or 1),
                    "id_shop_group": 1,
                    "id_shop": 1,
                    "id_carrier": id_carrier,
                    "gift": "1" if gift else "0",
                    "delivery_option": f'{{"{addr_d}":"{id_carrier},"}}',
                    "secure_key": cust.get("secure_key") or "",
                    "associations": {
                        "cart_rows": [
                            {
                                "id_product": p,
                                "id_product_attribute": a,
                                "id_address_delivery": addr_d,
                                "id_customization": 0,
                                "quantity": q,
                            }
                            for p, a, q in lines
                        ]
                    },
                },
            )
            cart = st.get("carts", cart_id)
            order = logic.validate_order(
                st,
                cart,
                {
                    "total_paid": "-1",
                    "module": module,
                    "payment": _PAYMENTS.get(module, module),
                },
            )
            # a checkout always pays the right amount: redo totals and state
            order["total_paid_real"] = order["total_paid"] if paid else "0.000000"
            for row in order["associations"]["order_rows"]:
                if paid:
                    logic.change_stock(
                        st,
                        int(row["product_id"]),
                        int(row["product_attribute_id"]),
                        -int(row["product_quantity"]),
                        int(order["id_shop"]),
                    )
            for oh in [
                h
                for h in st.tables["order_histories"].values()
                if int(h["id_order"]) == order["id"]
            ]:
                del st.tables["order_histories"][oh["id"]]
            for pay in st.tables["order_payments"].values():
                if pay["order_reference"] == order["reference"]:
                    pay["amount"] = order["total_paid"] if paid else "0.000000"
            for rule_id in cart_rules:
                rule = st.get("cart_rules", rule_id) or {}
                ocr = st.allocate_id("order_cart_rules")
                st.tables["order_cart_rules"][ocr] = st.complete(
                    "order_cart_rules",
                    {
                        "id": ocr,
                        "id_order": order["id"],
                        "id_cart_rule": rule_id,
                        "id_order_invoice": 0,
                        "name": (rule.get("name") or {}).get(1, ""),
                        "value": "0.00",
                        "value_tax_excl": "0.00",
                        "free_shipping": "0",
                    },
                )
            state = 2 if paid else (10 if module == "ps_wirepayment" else 1)
            logic.apply_order_state(st, order, state, history=True)
            return order["id"]

    def set_order_state(self, id_order: int, id_state: int) -> None:
        """As the back office does: an order_histories row, current_state,
        date_upd (and invoice/delivery numbers per the state's flags)."""
        with self.store.lock:
            order = self.store.get("orders", id_order)
            logic.apply_order_state(
                self.store, order, id_state, history=True, id_employee=1
            )


_PAYMENTS = {"ps_checkpayment": "Payment by check", "ps_wirepayment": "Bank wire"}
