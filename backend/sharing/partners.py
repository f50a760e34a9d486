"""Who this instance is and which partners it trusts, changed by an administrator (the
server's command line): the key files of ``backend.sharing.keys``, with an audit record of
each change (a new key or a trusted partner decides whose bundles come in)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.services import audit
from backend.settings import Settings
from backend.sharing import keys


def create_identity(settings: Settings, db: Session, viewer: Viewer, instance_id: str,
                    organisation: str, *, force: bool = False) -> keys.Identity:
    """The instance's key pair and identity (``force`` replaces an existing key)."""
    viewer.require(Permission.manage_users)
    ident = keys.init_keys(settings, instance_id, organisation, force=force)
    audit.record(db, viewer, audit.Action.keys,
                 {"op": "key_init", "instance_id": ident.instance_id,
                  "organisation": ident.organisation, "key_id": ident.key_id, "force": force})
    return ident


def trust_partner(settings: Settings, db: Session, viewer: Viewer, name: str,
                  partner: keys.Identity) -> None:
    """Trust bundles signed by ``partner``'s key, under ``name``."""
    viewer.require(Permission.manage_users)
    keys.trust(settings, name, partner)
    audit.record(db, viewer, audit.Action.keys,
                 {"op": "trust", "name": name, "instance_id": partner.instance_id,
                  "organisation": partner.organisation, "key_id": partner.key_id})
