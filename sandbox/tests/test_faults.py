"""One test per fault-injection knob."""

from __future__ import annotations

import time

import pytest
import requests

from .conftest import KEY


def _get(sb, timeout=5):
    return requests.get(sb.url + "/api/products/1", auth=(KEY, ""), timeout=timeout)


def test_latency(sb):
    sb.faults.latency = 0.2
    t0 = time.perf_counter()
    assert _get(sb).status_code == 200
    assert time.perf_counter() - t0 >= 0.2


def test_error_rate_and_fail_next(sb):
    sb.faults.fail_next(2, status=502)
    assert [_get(sb).status_code for _ in range(3)] == [502, 502, 200]
    sb.faults.error_rate = 1.0
    assert _get(sb).status_code == 503
    sb.reset()
    sb.faults.error_rate = 0.5
    first = [_get(sb).status_code for _ in range(10)]
    sb.reset()
    sb.faults.error_rate = 0.5
    assert [_get(sb).status_code for _ in range(10)] == first  # seeded RNG
    assert {503, 200} == set(first)


def test_hang_times_out(sb):
    sb.faults.hang_next(1, seconds=1.0)
    with pytest.raises(requests.exceptions.ReadTimeout):
        _get(sb, timeout=0.3)
    assert _get(sb).status_code == 200


def test_drop(sb):
    sb.faults.drop_next(1)
    with pytest.raises(requests.exceptions.ConnectionError):
        _get(sb)
    assert _get(sb).status_code == 200


def test_malformed(sb):
    from lxml import etree

    sb.faults.malformed_next(1)
    r = _get(sb)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(r.content)


def test_down(sb):
    sb.faults.down = True
    for _ in range(2):
        with pytest.raises(requests.exceptions.ConnectionError):
            _get(sb)
    sb.faults.down = False
    assert _get(sb).status_code == 200


def test_control_api_and_log(sb):
    r = requests.post(sb.url + "/_sandbox/faults", json={"fail_next": 1, "status": 500})
    assert r.json() == {"ok": True}
    assert _get(sb).status_code == 500
    assert _get(sb).status_code == 200
    entry = sb.requests[-1]
    assert (entry.method, entry.path, entry.status) == ("GET", "products/1", 200)


def test_php_notice_before_the_xml(sb):
    sb.faults.notice_next(1)
    r = requests.get(sb.url + "/api/products/1", auth=(KEY, ""))
    assert r.status_code == 200
    assert r.text.startswith("<br />\n<b>Notice</b>:") and "<?xml" in r.text
    r = requests.get(sb.url + "/api/products/1", auth=(KEY, ""))
    assert r.text.startswith("<?xml")
