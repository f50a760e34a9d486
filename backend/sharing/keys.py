"""The instance's Ed25519 signing key and the public keys of trusted partner instances.

Files in ``DATA_DIR/keys/``: ``instance.json`` (instance id, organisation, public key),
``instance_ed25519.pem`` (private key, readable by the owner only) and ``trusted.json``
(name -> partner identity). A partner identity is what ``crosslink keys show --out FILE``
writes: ``{"instance_id", "organisation", "public_key"}`` with the raw public key in base64.
A key's id is the first 16 hex digits of the SHA-256 of its raw bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from backend.settings import Settings
from backend.sharing.errors import SharingError


@dataclass(frozen=True)
class Identity:
    """Who an instance is: the id written into its bundles and the organisation running it."""

    instance_id: str
    organisation: str
    public_key: str  # raw Ed25519 public key, base64

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "key_id": self.key_id}


def key_id(public_key_b64: str) -> str:
    return hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:16]


def keys_dir(settings: Settings) -> Path:
    return settings.data_dir / "keys"


def _raw_public(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def init_keys(settings: Settings, instance_id: str, organisation: str, *,
              force: bool = False) -> Identity:
    """Create the instance's key pair and identity; refuses to replace them unless ``force``
    (partners who trust the old key would refuse new bundles)."""
    folder = keys_dir(settings)
    private_file = folder / "instance_ed25519.pem"
    if private_file.exists() and not force:
        raise SharingError(f"the instance key exists already ({private_file.name} in "
                           f"{folder}); use --force to replace it (partners must then trust "
                           "the new public key)")
    folder.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(private_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    identity = Identity(instance_id, organisation, _raw_public(key.public_key()))
    (folder / "instance.json").write_text(json.dumps(asdict(identity), indent=2) + "\n",
                                          encoding="utf-8")
    return identity


def identity(settings: Settings) -> Identity:
    path = keys_dir(settings) / "instance.json"
    if not path.exists():
        raise SharingError("this instance has no signing key yet: run "
                           "`crosslink keys init --instance-id ID --org ORG`")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Identity(data["instance_id"], data["organisation"], data["public_key"])


def private_key(settings: Settings) -> Ed25519PrivateKey:
    identity(settings)
    pem = (keys_dir(settings) / "instance_ed25519.pem").read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SharingError("instance_ed25519.pem does not hold an Ed25519 key; run "
                           "`crosslink keys init --force`")
    return key


def read_identity_file(path: Path) -> Identity:
    """A partner's identity file (``crosslink keys show --out``), checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ident = Identity(str(data["instance_id"]), str(data["organisation"]),
                         str(data["public_key"]))
        raw = base64.b64decode(ident.public_key, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (OSError, UnicodeDecodeError) as exc:
        raise SharingError(f"{path}: cannot read the file: {exc}") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SharingError(f"{path}: not a partner identity file (expected JSON with "
                           f"instance_id, organisation, public_key as written by "
                           f"`crosslink keys show --out`): {exc}") from exc
    return ident


def _trusted_file(settings: Settings) -> Path:
    return keys_dir(settings) / "trusted.json"


def trusted(settings: Settings) -> dict[str, Identity]:
    path = _trusted_file(settings)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Identity(v["instance_id"], v["organisation"], v["public_key"])
            for name, v in data.items()}


def trust(settings: Settings, name: str, partner: Identity) -> None:
    """Add (or replace) a trusted partner under ``name``."""
    entries = trusted(settings)
    entries[name] = partner
    keys_dir(settings).mkdir(parents=True, exist_ok=True)
    _trusted_file(settings).write_text(
        json.dumps({k: asdict(v) for k, v in sorted(entries.items())}, indent=2) + "\n",
        encoding="utf-8")


def trusted_by_key_id(settings: Settings, wanted: str) -> Identity | None:
    for partner in trusted(settings).values():
        if partner.key_id == wanted:
            return partner
    return None


def public_key(ident: Identity) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(ident.public_key))
