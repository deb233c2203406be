"""Interoperability of tp-token with PyJWT and jwcrypto (issue 6).

Tokens minted by tp-token must verify with PyJWT and jwcrypto; tokens
minted by PyJWT and jwcrypto must verify with tp-token; and tp-token must
stay strict where PyJWT is lenient (padded segments, alg none).
The binaries come from $TAPPASS_BIN (default .build/debug).
"""
import base64
import hashlib
import hmac
import json
import os
import stat
import subprocess
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwcrypto import jwk as jwc_jwk
from jwcrypto import jwt as jwc_jwt

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("TAPPASS_BIN", ROOT / ".build" / "debug"))
TP_TOKEN = str(BIN / "tp-token")
ALGS = ["ES256", "EdDSA"]


def tp(*args, stdin=None):
    return subprocess.run([TP_TOKEN, *args], input=stdin, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("keys")
    result = {}
    for alg in ALGS:
        prefix = directory / alg
        run = tp("keygen", "--alg", alg, "--out", str(prefix))
        assert run.returncode == 0, run.stderr
        info = json.loads(run.stdout)
        result[alg] = {
            "kid": info["kid"],
            "key": Path(info["private_key"]),
            "pub": Path(info["public_key"]),
            "jwks": Path(info["jwks"]),
        }
    return result


def mint(keys, alg, *extra):
    run = tp("mint", "--key", str(keys[alg]["key"]), "--iss", "tappass", "--sub", "agent-1",
             "--aud", "tools", "--org", "acme", "--scope", "read_file:/workspace/**",
             "--scope", "http_get:api.example.com", "--tier", "standard", "--health", "0.9",
             "--ceiling", "internal", "--ttl", "300", *extra)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def verify(keys, alg, token, *extra):
    run = tp("verify", "--key", str(keys[alg]["pub"]), "--aud", "tools", "--iss", "tappass", *extra, token)
    verdict = json.loads(run.stdout) if run.stdout.strip() else None
    return run.returncode, verdict


def test_keygen_writes_private_key_0600_and_refuses_overwrite(keys):
    for alg in ALGS:
        mode = stat.S_IMODE(os.stat(keys[alg]["key"]).st_mode)
        assert mode == 0o600
        assert keys[alg]["key"].read_text().startswith("-----BEGIN PRIVATE KEY-----")
        again = tp("keygen", "--alg", alg, "--out", str(keys[alg]["key"]).removesuffix(".key.pem"))
        assert again.returncode == 2
        assert "refusing to overwrite" in again.stderr
        assert "PRIVATE" not in again.stdout + again.stderr


@pytest.mark.parametrize("alg", ALGS)
def test_pyjwt_verifies_tp_token(keys, alg):
    token = mint(keys, alg)
    claims = jwt.decode(token, keys[alg]["pub"].read_bytes(), algorithms=[alg],
                        audience="tools", issuer="tappass")
    assert claims["sub"] == "agent-1"
    assert claims["scope"] == ["read_file:/workspace/**", "http_get:api.example.com"]
    assert claims["exp"] - claims["iat"] == 300
    assert jwt.get_unverified_header(token)["kid"] == keys[alg]["kid"]


@pytest.mark.parametrize("alg", ALGS)
def test_jwcrypto_verifies_tp_token_and_agrees_on_thumbprint(keys, alg):
    token = mint(keys, alg)
    key_set = jwc_jwk.JWKSet.from_json(keys[alg]["jwks"].read_text())
    key = key_set.get_key(keys[alg]["kid"])
    assert key.thumbprint() == keys[alg]["kid"]
    verified = jwc_jwt.JWT(jwt=token, key=key, algs=[alg])
    claims = json.loads(verified.claims)
    assert claims["org"] == "acme" and claims["ceiling"] == "internal"


def fresh_key(alg):
    return ec.generate_private_key(ec.SECP256R1()) if alg == "ES256" else ed25519.Ed25519PrivateKey.generate()


def write_public(tmp_path, private):
    path = tmp_path / "pub.pem"
    path.write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


@pytest.mark.parametrize("alg", ALGS)
def test_tp_token_verifies_pyjwt_token(tmp_path, alg):
    private = fresh_key(alg)
    pub = write_public(tmp_path, private)
    now = int(time.time())
    token = jwt.encode({"iss": "tappass", "sub": "py-agent", "aud": "tools", "iat": now, "nbf": now,
                        "exp": now + 60, "jti": "py-1", "scope": ["read_file:/workspace/**"]},
                       private, algorithm=alg)
    run = tp("verify", "--key", str(pub), "--aud", "tools", "--iss", "tappass",
             "--require", "read_file:/workspace/a.txt", token)
    assert run.returncode == 0, run.stdout + run.stderr
    verdict = json.loads(run.stdout)
    assert verdict["valid"] is True and verdict["sub"] == "py-agent"


@pytest.mark.parametrize("alg", ALGS)
def test_tp_token_verifies_jwcrypto_token_by_kid(tmp_path, alg):
    key = jwc_jwk.JWK.generate(kty="EC", crv="P-256") if alg == "ES256" else jwc_jwk.JWK.generate(kty="OKP", crv="Ed25519")
    kid = key.thumbprint()
    jwks = tmp_path / "jwks.json"
    public = json.loads(key.export_public())
    public["kid"] = kid
    jwks.write_text(json.dumps({"keys": [public]}))
    now = int(time.time())
    token = jwc_jwt.JWT(header={"alg": alg, "kid": kid},
                        claims={"iss": "tappass", "sub": "jwc-agent", "exp": now + 60, "iat": now})
    token.make_signed_token(key)
    run = tp("verify", "--jwks", str(jwks), token.serialize())
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["sub"] == "jwc-agent"


def test_tp_token_rejects_what_pyjwt_tolerates(tmp_path, keys):
    token = mint(keys, "ES256")
    header, payload, signature = token.split(".")
    # pyjwt accepts '='-padded segments (jpadilla/pyjwt#676); tp-token must not.
    status, verdict = verify(keys, "ES256", f"{header}.{payload}=.{signature}")
    assert status == 1 and verdict["reason"] == "bad_encoding"
    unsigned = jwt.encode({"sub": "x", "exp": int(time.time()) + 60}, None, algorithm="none")
    status, verdict = verify(keys, "ES256", unsigned)
    assert status == 1 and verdict["reason"] == "alg_none"
    # HS256 keyed with the public key PEM (key confusion). PyJWT itself
    # refuses to build this, so it is forged by hand.
    pem = keys["ES256"]["pub"].read_bytes()
    b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps({"sub": "x", "exp": int(time.time()) + 60}).encode())
    forged = signing_input + "." + b64(hmac.new(pem, signing_input.encode(), hashlib.sha256).digest())
    status, verdict = verify(keys, "ES256", forged)
    assert status == 1 and verdict["reason"] == "alg_not_allowed"


def test_batch_verify_json_lines_and_exit_codes(keys):
    good = mint(keys, "ES256")
    expired = mint(keys, "ES256", "--now", "1000000000")
    run = tp("verify", "--key", str(keys["ES256"]["pub"]), stdin=f"{good}\n{expired}\nnot-a-token\n")
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["valid"] for line in lines] == [True, False, False]
    assert lines[1]["reason"] == "expired" and lines[2]["reason"] == "malformed"
    assert run.returncode == 1
    assert good not in run.stdout  # verdicts never echo the token
    ok = tp("verify", "--key", str(keys["ES256"]["pub"]), stdin=f"{good}\n")
    assert ok.returncode == 0
    assert tp("verify", "--key", "/nonexistent.pem", good).returncode == 2
    assert tp("verify", good).returncode == 64


def test_chain_delegation_and_revocation(tmp_path, keys):
    token = mint(keys, "ES256", "--cnf", str(keys["EdDSA"]["pub"]))
    chain = tp("delegate", "--token", token, "--key", str(keys["EdDSA"]["key"]), "--sub", "sub-agent",
               "--scope", "read_file:/workspace/src/**", "--ttl", "30")
    assert chain.returncode == 0, chain.stderr
    chain = chain.stdout.strip()
    status, verdict = verify(keys, "ES256", chain, "--require", "read_file:/workspace/src/a.py")
    assert status == 0 and verdict["depth"] == 1
    # Each link is itself a JWS PyJWT can check: the child with the holder key.
    child = chain.split("~")[1]
    claims = jwt.decode(child, keys["EdDSA"]["pub"].read_bytes(), algorithms=["EdDSA"])
    assert claims["sub"] == "sub-agent"
    widen = tp("delegate", "--token", token, "--key", str(keys["EdDSA"]["key"]), "--scope", "read_file:/**")
    assert widen.returncode == 1 and "chain_widened" in widen.stderr
    db = tmp_path / "revocations.sqlite"
    assert tp("revoke", "--db", str(db), "--token", token).returncode == 0
    listing = tmp_path / "revoked.jws"
    assert tp("revocations", "export", "--db", str(db), "--key", str(keys["ES256"]["key"]),
              "--out", str(listing)).returncode == 0
    status, verdict = verify(keys, "ES256", chain, "--revocations", str(listing))
    assert status == 1 and verdict["reason"] == "revoked"
    # The exported list is a JWS PyJWT can verify too.
    list_claims = jwt.decode(listing.read_text().strip(), keys["ES256"]["pub"].read_bytes(), algorithms=["ES256"])
    assert len(list_claims["revoked"]) == 1


def test_inspect_is_marked_unverified_and_redacts(keys):
    token = mint(keys, "ES256", "--cnf", str(keys["EdDSA"]["pub"]))
    run = tp("inspect", token)
    assert run.returncode == 0
    report = json.loads(run.stdout)
    assert report["verified"] is False and "UNVERIFIED" in report["warning"]
    signature = token.split(".")[2]
    assert signature not in run.stdout
    assert report["links"][0]["signature"]["bytes"] == 64
    x = json.loads(keys["EdDSA"]["jwks"].read_text())["keys"][0]["x"]
    assert x not in run.stdout
    assert report["links"][0]["claims"]["cnf"]["jwk_thumbprint"] == keys["EdDSA"]["kid"]
