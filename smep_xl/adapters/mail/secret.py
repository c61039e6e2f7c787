"""The SMTP password: never in the workbook. From the environment variable SMEP_SMTP_PASSWORD,
else the operating system's keyring (Windows Credential Manager, macOS Keychain, the Secret
Service on Linux) through the keyring library, under the service "smep-xl SMTP <host>" and the
SMTP User. It is handed to the login and nowhere else."""

from __future__ import annotations

import os

from smep_xl.errors import SmepError

ENV = "SMEP_SMTP_PASSWORD"


def service(host: str) -> str:
    return f"smep-xl SMTP {host.lower()}"


def find_password(host: str, user: str) -> str | None:
    if os.environ.get(ENV):
        return os.environ[ENV]
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(service(host), user)
    except (ImportError, KeyringError, RuntimeError):
        return None  # no keyring on this computer: the environment variable is the way


def save_password(host: str, user: str, password: str) -> str:
    """Keep the password in the keyring; where it went, in words."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(service(host), user, password)
        backend = keyring.get_keyring()
    except (KeyringError, RuntimeError) as exc:
        raise SmepError(
            f"This computer has no keyring to keep the password in ({type(exc).__name__}). Set the environment "
            f"variable {ENV} instead, before running smep email."
        ) from None
    return f"the {type(backend).__name__} keyring, as '{service(host)}' for {user}"
