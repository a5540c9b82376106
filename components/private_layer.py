"""Where a shared deployment keeps each visitor's private layer and uploads (files only)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from components import state

PRIVATE_TTL_S = 6 * 3600  # a private layer untouched this long belongs to a closed session


def folder() -> Path:
    """Where private layers live ($READOUT_PRIVATE_DIR, else a folder in the temp dir)."""
    path = Path(
        os.environ.get("READOUT_PRIVATE_DIR") or Path(tempfile.gettempdir()) / "readout-private"
    )
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def sweep(folder: Path) -> None:
    """Delete private layers (and their uploads) of sessions long gone."""
    now = time.time()
    for path in folder.iterdir():
        try:
            if now - path.stat().st_mtime > PRIVATE_TTL_S:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        except OSError:
            continue


def uploads() -> Path:
    """The folder keeping this session's uploaded files, so an editor can promote them."""
    path = folder() / f"{state.session_id()}-uploads"
    path.mkdir(mode=0o700, exist_ok=True)
    return path
