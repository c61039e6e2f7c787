"""Fixtures the integration tests share: the SMTP tests' certificate, trusted as a hub's own CA."""

from __future__ import annotations

import pytest

from tests.email_fixture import PASSWORD
from tests.helpers.smtp_server import make_certificate


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def trusted(certificate, monkeypatch):
    """This computer trusts the test certificate (as a hub's own CA would be trusted), and the
    SMTP password is in the environment, as staff would set it."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))
    monkeypatch.setenv("SMEP_SMTP_PASSWORD", PASSWORD)
    return certificate
