"""Who may change the shared corpus: the deployment's mode and the editor key.

``READOUT_MODE=shared`` (or ``[readout] mode = "shared"`` in Streamlit secrets) makes the
shared corpus read-only for anyone who has not entered the editor key (``READOUT_EDITOR_KEY``
or ``[readout] editor_key``); a visitor's own uploads then go to a private layer of their
session (see cache.writable_path). Without the setting (``make run``) everyone may edit.
"""

from __future__ import annotations

import hmac
import os

import streamlit as st

from components import state

MODES = ("local", "shared")


def _setting(env: str, key: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value.strip()
    try:
        section = st.secrets.get("readout", {})
    except Exception:  # noqa: BLE001 (no secrets file, or an unreadable one: no setting)
        return ""
    return str(section.get(key, "")).strip()


def mode() -> str:
    """'shared' or 'local' (the default); anything else is read as 'shared', the safe side."""
    value = _setting("READOUT_MODE", "mode").lower() or "local"
    return value if value in MODES else "shared"


def shared() -> bool:
    """Whether this deployment is shared (the corpus read-only without the editor key)."""
    return mode() == "shared"


def key_matches(given: str) -> bool:
    """Whether a key is the editor key, compared in constant time; no key set: never."""
    expected = _setting("READOUT_EDITOR_KEY", "editor_key")
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def can_edit() -> bool:
    """Whether this session may change the shared corpus."""
    return not shared() or state.is_editor()
