"""URL signing as documented in docs/service.md (a vector another language can check
against), and the `serve`/`sign-url` commands' usage errors."""

from __future__ import annotations

import pytest

from sharecard.errors import ConfigError
from sharecard.ogurl.signing import canonical_query, query_pairs, sign_url, verify
from support.cli import run_cli

# Made with the Node snippet in docs/service.md: the same canonical query and MAC.
VECTOR_QUERY = ("headline=Rates%20hold%20%28it%27s%20%2A%21%29%20~%200.2%25%20%E2%80%94%20"
                "%E6%97%A5%E6%9C%AC&bullets=b&bullets=a&brand=Daily")
VECTOR_SIG = "e344605afd62fcbe8aba8bec66f459acaf12e6bb9c9b2c80dd59093d0ffa936a"


def test_the_canonical_query_sorts_names_and_keeps_repeats_in_order():
    pairs = query_pairs("headline=Rates+hold&bullets=b&bullets=a&brand=The%20Daily&sig=x")
    assert canonical_query(pairs) == (
        "brand=The%20Daily&bullets=b&bullets=a&headline=Rates%20hold")


def test_the_documented_vector():
    signed = sign_url(f"/v1/og.png?{VECTOR_QUERY}", key="k")
    assert signed == f"/v1/og.png?{VECTOR_QUERY}&sig={VECTOR_SIG}"
    assert verify(query_pairs(f"{VECTOR_QUERY}&sig={VECTOR_SIG}"), b"k") is None


def test_sign_url_keeps_a_clean_query_and_encodes_a_raw_one():
    assert sign_url("https://cards.example.com/v1/og.png?headline=A+b#top", key="k") == (
        "https://cards.example.com/v1/og.png?headline=A+b&sig="
        + sign_url("/v1/og.png?headline=A%20b", key="k").rsplit("=", 1)[1] + "#top")
    raw = sign_url("/v1/og.png?headline=Prix 2 € (net)", key="k")
    assert raw.startswith("/v1/og.png?headline=Prix%202%20%E2%82%AC%20%28net%29&sig=")
    resigned = sign_url(f"/v1/og.png?headline=x&sig={'0' * 64}", key="k")
    assert resigned.count("sig=") == 1 and verify(query_pairs(resigned.split("?")[1]),
                                                  b"k") is None


@pytest.mark.parametrize(("url", "problem"), [
    ("/v1/og.png", "no query to sign"),
    ("/v1/og.png?headline=%FF", "not valid percent-encoded UTF-8"),
    ("/v1/og.png?bullets=x", "needs a headline"),
    ("/v1/og.png?headline=x&colour=red", "unknown og.png parameter 'colour'"),
])
def test_sign_url_refuses_what_the_service_would_refuse(url, problem):
    with pytest.raises(ConfigError, match=problem):
        sign_url(url, key="k")


def test_verify_names_the_problem():
    assert "not signed" in verify(query_pairs("headline=x"), b"k")
    assert "64-digit" in verify(query_pairs("headline=x&sig=ABC"), b"k")


@pytest.mark.parametrize(("args", "message"), [
    (["serve", "--templates", "no-such-dir"], "no-such-dir: template directory not found"),
    (["serve", "--font", "no-such.ttf"], "no-such.ttf: font file or directory not found"),
    (["serve", "--config", "no-such.toml"], "no-such.toml: config file not found"),
])
def test_serve_reports_a_bad_setup_before_starting(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    run = run_cli(args)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"sharecard: {message}"


def test_serve_help_lists_the_limits():
    run = run_cli(["serve", "--help"])
    assert run.exit_code == 0
    for option in ("--workers", "--max-bytes", "--max-pixels", "--timeout", "--queue",
                   "--header-timeout", "SHARECARD_WORKERS"):
        assert option in run.text
