"""POST /v1/accounts: registration rules, error codes, duplicates, per-address rate limit."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.server.conftest import EMAIL, PASSWORD, AuthServer, FakeClock, start_test_server
from weshape_desktop.server.accounts import AccountError, check_password, normalise_email
from weshape_desktop.server.catalog_source import Catalog


def test_register_answers_the_account(auth_server: AuthServer) -> None:
    response = auth_server.register(email="  Lina@Example.ORG ", name="  Lina Haddad ")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "email", "locale", "accepted_policy_version", "created_at"}
    assert body["email"] == EMAIL and body["name"] == "Lina Haddad"
    assert body["locale"] == "ar" and body["accepted_policy_version"] == 1
    assert body["created_at"] == "2027-01-15T08:00:00Z"  # the server's (fake) clock
    assert isinstance(body["id"], str) and body["id"]


def test_duplicate_email_is_409_whatever_the_case(auth_server: AuthServer) -> None:
    assert auth_server.register().status_code == 201
    response = auth_server.register(email="LINA@example.org", name="Someone else")
    assert response.status_code == 409
    assert response.json() == {
        "error": "email_taken",
        "message": "An account with this email already exists. Sign in instead.",
    }


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"email": "no-at-sign.example.org"}, "invalid_email"),
        ({"email": "two@@example.org"}, "invalid_email"),
        ({"email": "lina@localhost"}, "invalid_email"),
        ({"email": "lina@example..org"}, "invalid_email"),
        ({"email": "li na@example.org"}, "invalid_email"),
        ({"email": "@example.org"}, "invalid_email"),
        ({"email": "a" * 250 + "@example.org"}, "invalid_email"),
        ({"password": "short-pw"}, "weak_password"),
        ({"password": "Password123"}, "weak_password"),
        ({"password": "aaaaaaaaaaaa"}, "weak_password"),
        ({"password": "lina@example.org"}, "weak_password"),
        ({"password": "x" * 2000}, "weak_password"),
        ({"name": "   "}, "invalid_name"),
        ({"name": "n" * 101}, "invalid_name"),
        ({"name": "Lina\nHaddad"}, "invalid_name"),
        ({"name": "Lina\u202eaddaH"}, "invalid_name"),  # right-to-left override
        ({"name": "\u2067Lina\u2069"}, "invalid_name"),  # an isolate
        ({"name": "Lina\u200f"}, "invalid_name"),  # right-to-left mark
        ({"name": "Lina\x85Haddad"}, "invalid_name"),  # a C1 control
        ({"email": "lina\u200e@example.org"}, "invalid_email"),
        ({"name": "Lina \ud800"}, "invalid_request"),  # lone surrogates: no UTF-8 text
        ({"email": "lina\ud800@example.org"}, "invalid_request"),
        ({"password": "lantern-\udfff-orchard"}, "invalid_request"),
        ({"accepted_policy_version": 0}, "policy_not_accepted"),
        ({"accepted_policy_version": 2}, "policy_not_accepted"),
        ({"locale": "fr"}, "invalid_request"),
        ({"accepted_policy_version": "yes"}, "invalid_request"),
    ],
)
def test_refused_registrations_are_422_with_a_code(
    auth_server: AuthServer, fields: dict[str, Any], code: str
) -> None:
    response = auth_server.register(**fields)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == code and body["message"]
    assert set(body) == {"error", "message"}


def test_emails_are_compared_nfkc_and_case_folded(auth_server: AuthServer) -> None:
    assert auth_server.register().status_code == 201
    full_width = "ＬＩＮＡ＠ｅｘａｍｐｌｅ．ｏｒｇ"
    assert auth_server.register(email=full_width).json()["error"] == "email_taken"
    assert auth_server.sign_in(email=full_width).status_code == 200


def test_missing_fields_are_invalid_request(auth_server: AuthServer) -> None:
    response = requests.post(f"{auth_server.url}/v1/accounts", json={"email": EMAIL}, timeout=10)
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


def test_registrations_are_rate_limited_per_address(catalog: Catalog) -> None:
    clock = FakeClock()
    server = start_test_server(catalog, clock=clock, registrations_per_ip=3)
    try:
        url = f"{server.url}/v1/accounts"

        def register(n: int) -> requests.Response:
            body = {"name": "N", "email": f"p{n}@example.org", "password": PASSWORD,
                    "accepted_policy_version": 1, "locale": "en"}  # fmt: skip
            return requests.post(url, json=body, timeout=10)

        assert [register(n).status_code for n in range(3)] == [201, 201, 201]
        limited = register(3)
        assert limited.status_code == 429
        assert limited.json()["error"] == "rate_limited"
        assert 0 < int(limited.headers["Retry-After"]) <= 3600
        clock.advance(3601)
        assert register(4).status_code == 201
    finally:
        server.stop()


def test_email_rules() -> None:
    assert (
        normalise_email(" Name.Surname+tag@Sub.Example.COM ") == "name.surname+tag@sub.example.com"
    )
    assert normalise_email("a@b.c\n") == "a@b.c"  # surrounding whitespace is stripped
    assert normalise_email("ｄｅｍｏ@ｗｅｓｈａｐｅ.example") == "demo@weshape.example"
    assert normalise_email("Straße@Example.org") == "strasse@example.org"  # case-folded
    for bad in ("", "a@b", "a@.b.c", "a@b.c.", "a b@c.d", "a@b@c.d", "a\x00@b.c"):
        with pytest.raises(AccountError) as caught:
            normalise_email(bad)
        assert caught.value.code == "invalid_email"


def test_password_rules_are_humane() -> None:
    check_password("correct horse battery", "lina@example.org")
    check_password("عشرة أحرف عربية", "lina@example.org")  # any script counts
    for weak in ("123456789", "qwertyuiop", "ababababab", "Lina@Example.org"):
        with pytest.raises(AccountError):
            check_password(weak, "lina@example.org")
