"""``clcp server init`` and ``clcp server run`` with the office's certificate."""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from desktop.models import Community, User
from desktop.server.run import BackgroundServer, server_config
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.storage import open_database
from desktop.storage.server_database import ServerDatabase, open_server_database
from desktop.sync.accounts import authenticate
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import free_port


def test_server_init_makes_an_empty_office(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_NEW_PASSWORD", PASSWORD)
    status, out, err = run(["server", "init", "--db", pg_url, "--user", "ada"], capsys)
    assert status == 0, err
    assert "administrator ada" in out
    status, _out, err = run(["server", "init", "--db", pg_url, "--user", "ada"], capsys)
    assert_refused(status, err, "already has accounts")
    db = open_server_database(pg_url)
    try:
        assert authenticate(db, "ada", PASSWORD).role == "admin"
    finally:
        db.close()


def test_server_init_from_a_laptop_database(
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = open_database(tmp_path / "first.db")
    try:
        Services(laptop, SYSTEM).users.create(UserData(username="ada", role="admin"))
        Services(laptop, SYSTEM).communities.create(CommunityData(name="Kéréwé"))
    finally:
        laptop.close()
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    argv = ["server", "init", "--db", pg_url, "--from", str(tmp_path / "first.db"), "--user", "ada"]
    status, _out, err = run(argv, capsys)
    assert status == 0, err
    db = open_server_database(pg_url)
    try:
        with db.session() as session:
            assert session.scalars(select(Community.name)).all() == ["Kéréwé"]
            assert session.scalars(select(User.username)).all() == ["ada"]
    finally:
        db.close()


def test_server_run_refuses_a_database_nobody_initialised(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(["server", "run", "--db", pg_url], capsys)
    assert_refused(status, err, "clcp server init")


def test_server_init_refuses_a_url_that_is_not_postgresql(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _out, err = run(["server", "init", "--db", "sqlite:///x.db", "--user", "ada"], capsys)
    assert_refused(status, err, "PostgreSQL")


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as an office might make for its server."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "office server")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "office.crt", folder / "office.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_a_laptop_joins_over_https_trusting_the_offices_certificate(
    office: Office,
    office_db: ServerDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cert, key = make_certificate(tmp_path)
    port = free_port()
    server = BackgroundServer(server_config(office_db, "127.0.0.1", port, str(cert), str(key)))
    server.start()
    url = f"https://127.0.0.1:{port}"
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    try:
        with pytest.raises(httpx.ConnectError):  # not trusted without the certificate
            httpx.get(f"{url}/api/v1/hello")
        path = tmp_path / "mary.db"
        argv = [
            "join",
            "--server",
            url,
            "--ca-cert",
            str(cert),
            "--db",
            str(path),
            "--user",
            "mary",
        ]
        status, _out, err = run(argv, capsys)
        assert status == 0, err
        status, out, err = run(
            ["sync", "--db", str(path), "--user", "mary", "--ca-cert", str(cert)], capsys
        )
        assert status == 0, err
        assert out.startswith("sent 0, received 0")
    finally:
        server.stop()


def test_a_refused_seed_password_leaves_the_office_empty(
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = open_database(tmp_path / "first.db")
    try:
        Services(laptop, SYSTEM).users.create(UserData(username="ada", role="admin"))
    finally:
        laptop.close()
    monkeypatch.setenv("CLCP_PASSWORD", "short")  # the laptop takes it; the server's rules do not
    argv = ["server", "init", "--db", pg_url, "--from", str(tmp_path / "first.db"), "--user", "ada"]
    status, _out, err = run(argv, capsys)
    assert_refused(status, err, "8 characters")
    db = open_server_database(pg_url)
    try:
        with db.session() as session:
            assert session.scalars(select(User.username)).all() == []
    finally:
        db.close()
