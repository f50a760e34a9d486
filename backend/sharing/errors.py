"""Sharing errors: the message says what is wrong with which file and what to do."""

from __future__ import annotations

from backend.errors import CrosslinkError


class SharingError(CrosslinkError):
    status = 422
    code = "sharing"


class UntrustedBundleError(SharingError):
    """The bundle's key is not among this instance's trusted partner keys."""

    status = 403
    code = "untrusted_bundle"


class TamperedBundleError(SharingError):
    """The signature does not match the bundle's content."""

    status = 422
    code = "tampered_bundle"
