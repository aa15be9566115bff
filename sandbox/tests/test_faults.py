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


def test_permission_missing_on_one_resource(sb):
    """A key without the resource: 401, error 26; without one method: 405,
    error 25 (``WebserviceRequest::checkResource`` / ``checkHTTPMethod``);
    the API root lists only what the key may use."""
    sb.deny("order_carriers")
    sb.deny("orders", "PUT")
    r = requests.get(sb.url + "/api/order_carriers", auth=(KEY, ""))
    assert r.status_code == 401
    assert "WWW-Authenticate" not in r.headers
    assert r.headers["PSWS-Version"] == "8.1.2"
    assert "<code><![CDATA[26]]></code>" in r.text
    assert (
        'Resource of type "order_carriers" is not allowed with this '
        "authentication key" in r.text
    )
    r = requests.get(
        sb.url + "/api/order_carriers", auth=(KEY, ""), params={"output_format": "JSON"}
    )
    assert r.json()["errors"][0]["code"] == 26
    r = requests.put(sb.url + "/api/orders/1", auth=(KEY, ""), data=b"<x/>")
    assert r.status_code == 405
    assert (
        "Method PUT is not allowed for the resource orders with this "
        "authentication key" in r.text
    )
    assert requests.get(sb.url + "/api/orders/1", auth=(KEY, "")).status_code == 200
    root = requests.get(sb.url + "/api/", auth=(KEY, "")).text
    assert "<order_carriers " not in root
    assert '<orders xlink:href="' in root
    assert 'get="true" put="false"' in root
    sb.reset()
    r = requests.get(sb.url + "/api/order_carriers", auth=(KEY, ""))
    assert r.status_code == 200


def test_control_characters_as_the_shop_prints_them(sb):
    """PrestaShop keeps what was typed: raw in XML (then not well-formed),
    ``\\u00XX`` escapes in JSON."""
    from lxml import etree

    sb.store.get("addresses", 1)["address1"] = "12 rue des Lilas\x0bBât. B"
    r = requests.get(sb.url + "/api/addresses/1", auth=(KEY, ""))
    assert "12 rue des Lilas\x0bBât. B".encode() in r.content
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(r.content)
    r = requests.get(
        sb.url + "/api/addresses",
        auth=(KEY, ""),
        params={"output_format": "JSON", "display": "full", "filter[id]": "[1]"},
    )
    assert "12 rue des Lilas\\u000bBât. B" in r.text
    assert r.json()["addresses"][0]["address1"] == "12 rue des Lilas\x0bBât. B"


def test_php_notice_then_a_cut_answer(sb):
    sb.faults.notice_next(1, cut=True)
    r = requests.get(sb.url + "/api/products/1", auth=(KEY, ""))
    assert r.text.startswith("<br />\n<b>Notice</b>:") and "<?xml" in r.text
    assert not r.text.rstrip().endswith("</prestashop>")


def test_body_next_answers_exactly_the_given_body(sb):
    """A hostile shop: the next answer is the given bytes, status and type,
    with the webservice's headers; the request is applied and logged."""
    body = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "v">]><x>&e;</x>'
    tags = len(sb.store.search("tags"))
    sb.faults.body_next(body, status=400)
    r = requests.post(
        sb.url + "/api/tags",
        auth=(KEY, ""),
        data=b"<prestashop><tag><id_lang>1</id_lang><name>t</name></tag></prestashop>",
    )
    assert (r.status_code, r.content) == (400, body)
    assert r.headers["Content-Type"] == "text/xml;charset=utf-8"
    assert r.headers["PSWS-Version"] == "8.1.2"
    assert "Content-Sha1" not in r.headers
    assert (sb.requests[-1].method, sb.requests[-1].status) == ("POST", 400)
    assert len(sb.store.search("tags")) == tags + 1
    assert sb.store.search("tags")[-1]["name"] == "t"
    assert _get(sb).content.startswith(b"<?xml")  # once only
    requests.post(
        sb.url + "/_sandbox/faults",
        json={"body_next": 2, "body": "{}", "status": 500, "content_type": "a/b"},
    )
    for _ in range(2):
        r = _get(sb)
        assert (r.status_code, r.text, r.headers["Content-Type"]) == (500, "{}", "a/b")
    assert _get(sb).status_code == 200
