"""Attachment bytes in a content-addressed folder next to the database (one file per SHA-256)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_

CHUNK = 1 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class AttachmentFolder:
    """`<root>/<first two hex digits>/<sha256>`: one file per distinct content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        """Where the bytes with this SHA-256 live (whether or not they are there yet)."""
        if not _SHA256.fullmatch(sha256):  # it may come from elsewhere (a sync): never a path of its own
            raise ValidationError(N_("“{value}” is not a SHA-256 checksum."), field="sha256", value=sha256)
        return self.root / sha256[:2] / sha256

    def put(self, source: bytes | Path) -> str:
        """Store the bytes once (atomic: temp file, fsync, rename); returns their SHA-256."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                if isinstance(source, bytes):
                    digest.update(source)
                    out.write(source)
                else:
                    with open(source, "rb") as data:
                        while chunk := data.read(CHUNK):
                            digest.update(chunk)
                            out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if target.exists():  # the same bytes are already there (renames are atomic: never half a file)
                os.unlink(temporary)
            else:
                target.parent.mkdir(exist_ok=True)
                os.replace(temporary, target)
                _sync_folder(target.parent)  # the rename itself survives a power cut
            return sha256
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
