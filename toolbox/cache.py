"""The build's caches under ``.cache/``: documents, filled sheets, the Koordinatormappe, the offline
ZIP, and which site was built from which inputs.

Every entry is keyed by a hash of everything it is made from, so an entry is never stale, only
unused.  Writes are race-free: a file (or a folder of files) is written under a name of its own
(process id and a random part) and then renamed into place in one step, so two builds of one
profile at once cannot see, or leave, a half-written entry.  ``TOOLBOX_CACHE_DIR`` moves the whole
cache (the tests share one between project copies).
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
from pathlib import Path
from typing import Callable

log = logging.getLogger("toolbox")


def cache_root(root: Path) -> Path:
    """The project's cache folder; ``TOOLBOX_CACHE_DIR`` moves it."""
    moved = os.environ.get("TOOLBOX_CACHE_DIR")
    return Path(moved) if moved else root / ".cache"


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_atomic(target: Path, data: bytes) -> None:
    """``target`` holds ``data`` whole or keeps what it held: written beside it, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


_DIGESTS: dict[tuple[Path, int, int], bytes] = {}


def file_digest(path: Path) -> bytes:
    """The file's SHA-256, read again only when its size or modification time changes (a build
    of many profiles asks for the same fonts and templates thousands of times)."""
    st = path.stat()
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).digest()
    return _DIGESTS[key]


def cached(folder: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """``folder/name``'s bytes, or ``make()`` stored there for the next build; ``folder`` None: no cache."""
    found = lookup(folder, name)
    if found is not None:
        return found
    data = make()
    store(folder, name, data)
    return data


def lookup(folder: Path | None, name: str) -> bytes | None:
    """``folder/name``'s bytes, or None when it is not there (or ``folder`` is None: no cache)."""
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def store(folder: Path | None, name: str, data: bytes) -> None:
    """``data`` as ``folder/name`` for the next build (nothing when ``folder`` is None); a cache that
    cannot be written is said, not an error."""
    if folder is None:
        return
    try:
        write_atomic(folder / name, data)
    except OSError as exc:
        log.warning("kunne ikke gemme %s i cachen: %s", name, exc)


class FileSetCache:
    """Entries of several files each (one form's documents), stored as the raw files in a folder per key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def has(self, key: str) -> bool:
        return (self.folder / key).is_dir()

    def get(self, key: str) -> dict[str, bytes] | None:
        entry = self.folder / key
        if not entry.is_dir():
            return None
        try:
            return {p.relative_to(entry).as_posix(): p.read_bytes() for p in sorted(entry.rglob("*")) if p.is_file()}
        except OSError:  # removed while being read: as if it were not there
            return None

    def put(self, key: str, files: dict[str, bytes]) -> None:
        entry = self.folder / key
        if entry.is_dir():
            return
        tmp = _temporary(entry)
        try:
            for rel, data in files.items():
                path = tmp / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            tmp.mkdir(parents=True, exist_ok=True)
            try:
                tmp.rename(entry)  # a folder renames only onto nothing: the first writer wins
            except OSError:
                pass
        except OSError as exc:
            log.warning("kunne ikke gemme %s i cachen: %s", key, exc)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
