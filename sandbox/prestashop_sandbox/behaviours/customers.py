"""Customer writes: the shop and group ids a customer defaults to, its
secure key and password as ``Customer::add`` sets them."""

from __future__ import annotations

import datetime as _dt
import uuid

from ..logic import _hash_password
from . import on


@on("before_create", "customers")
def customer_defaults(store, rec, echo):
    for k in ("id_shop", "id_shop_group"):
        if not int(rec.get(k) or 0):
            rec[k] = 1
            if echo is not None:
                echo[k] = 1
    # Customer::add: a random secure_key, last_passwd_gen
    # PS_PASSWD_TIME_FRONT (360) minutes ago; setWsPasswd hashes passwd
    rec["secure_key"] = uuid.uuid4().hex
    stamp = _dt.datetime.strptime(store.now(), "%Y-%m-%d %H:%M:%S")
    rec["last_passwd_gen"] = (stamp - _dt.timedelta(minutes=360)).strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    pw = rec.get("passwd") or ""
    if pw and not (len(pw) == 60 and pw.startswith("$2y$")):
        rec["passwd"] = _hash_password(pw)
    if echo is not None:
        for k in ("secure_key", "last_passwd_gen", "passwd"):
            echo[k] = rec[k]
