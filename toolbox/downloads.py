"""Downloads made from the built site: the Koordinatormappe (PDF) and the offline copy (ZIP).

Both are made after MkDocs has built the site in the build's temporary folder and are written
into that site, so they take part in its atomic swap.  The docs tree holds empty placeholders
for them while MkDocs runs, so that the links to them from the front page and the Om page are
checked like every other link.  Both are cached by a hash of their inputs (``.cache/``), so a
rebuild with nothing changed costs a few hashes.

The offline copy is a second MkDocs build of the same generated docs with Material's
``offline`` plugin and ``use_directory_urls: false``: its pages open from disk (``file://``),
search included.  The ZIP is deterministic: sorted entries, fixed dates and modes.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import shutil
import zipfile
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

from . import mappe
from .model import Model

log = logging.getLogger("toolbox")

OFFLINE_PATH = "filer/vaerktoejskassen-offline.zip"  # in the site; docs/index.md and docs/om/index.md link to it
PLACEHOLDERS = (mappe.MAPPE_PATH, OFFLINE_PATH)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")  # dated on every build, and of no use on a disk
# A Markdown link to the ZIP itself; in the offline copy only its text stays.
SELF_LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)*" + re.escape(OFFLINE_PATH) + r"\)")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")
# Material loads this Worker shim from unpkg.com when a page is opened from disk; we ship it.
SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"


def placeholders() -> dict[str, bytes]:
    return {path: b"" for path in PLACEHOLDERS}


def remove_placeholders(site: Path) -> None:
    for path in PLACEHOLDERS:
        (site / path).unlink(missing_ok=True)


def add_to_site(root: Path, work: Path, config: dict[str, Any], model: Model, cache: Path | None) -> dict[str, str]:
    """Make both downloads and write them into ``work/site``; returns {name: why} for any not made."""
    from .build import run_mkdocs  # the build imports this module
    from .render.pdf import unavailable

    site = work / "site"
    skipped: dict[str, str] = {}
    why = unavailable()
    pdf: bytes | None = None
    if why:
        skipped["koordinatormappe"] = why
        (site / mappe.MAPPE_PATH).unlink(missing_ok=True)
    else:
        pdf, hit = mappe.make(site, config.get("nav", []), model, cache / "mappe" if cache else None,
                              config.get("use_directory_urls", True))
        (site / mappe.MAPPE_PATH).write_bytes(pdf)
        log.info("Koordinatormappe: %d kB%s", len(pdf) // 1024, " (genbrugt)" if hit else "")
    data = offline_zip(root, work, config, model, pdf, cache / "offline" if cache else None, run_mkdocs)
    (site / OFFLINE_PATH).write_bytes(data)
    return skipped


def _hash_tree(h: "hashlib._Hash", base: Path, label: str) -> None:
    if not base.is_dir():
        return
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(f"{label}/{path.relative_to(base).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


def offline_config(config: dict[str, Any], docs: Path, site: Path) -> dict[str, Any]:
    cfg = deepcopy(config)
    cfg["docs_dir"], cfg["site_dir"] = str(docs), str(site)
    cfg["use_directory_urls"] = False
    cfg["extra"] = {**(cfg.get("extra") or {}), "polyfills": [SHIM_PATH]}  # not unpkg.com's copy
    plugins = list(cfg.get("plugins") or [])
    if not any(p == "offline" or (isinstance(p, dict) and "offline" in p) for p in plugins):
        plugins.append("offline")
    cfg["plugins"] = plugins
    return cfg


def offline_zip(root: Path, work: Path, config: dict[str, Any], model: Model, pdf: bytes | None,
                cache: Path | None, run_mkdocs: Any) -> bytes:
    """The whole site for use from disk, as a ZIP (from the cache when its inputs are unchanged)."""
    from importlib.metadata import version

    docs = work / "offline-docs"
    shutil.copytree(config["docs_dir"], docs)
    (docs / OFFLINE_PATH).unlink()
    if pdf is not None:
        (docs / mappe.MAPPE_PATH).write_bytes(pdf)
    else:
        (docs / mappe.MAPPE_PATH).unlink()
    (docs / SHIM_PATH).write_bytes(SHIM.read_bytes())
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if OFFLINE_PATH in text:
            page.write_text(SELF_LINK.sub(r"\1", text), encoding="utf-8")
    cfg = offline_config(config, docs, work / "offline-site")
    h = hashlib.sha256()
    for name in PACKAGES:
        h.update(f"{name}={version(name)};".encode())
    h.update(Path(__file__).read_bytes())
    anonymous = offline_config(config, Path("DOCS"), Path("SITE"))
    h.update(yaml.safe_dump(anonymous, allow_unicode=True, sort_keys=True).replace(str(root), "ROOT").encode())
    _hash_tree(h, docs, "docs")
    for folder in ("overrides", "includes"):
        _hash_tree(h, root / folder, folder)
    key = h.hexdigest()
    entry = cache / f"{key}.zip" if cache else None
    if entry is not None and entry.is_file():
        shutil.rmtree(docs, ignore_errors=True)
        return entry.read_bytes()
    config_file = work / "mkdocs-offline.yml"
    config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run_mkdocs(config_file)
    data = zip_tree(work / "offline-site", f"vaerktoejskassen-{model.profile_id}")
    shutil.rmtree(docs, ignore_errors=True)
    shutil.rmtree(work / "offline-site", ignore_errors=True)
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
    return data


def zip_tree(base: Path, prefix: str) -> bytes:
    """Every file under ``base`` in a ZIP under ``prefix/``: sorted, fixed dates and modes."""
    buf = io.BytesIO()
    files = sorted((p.relative_to(base).as_posix(), p) for p in base.rglob("*") if p.is_file())
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel, path in files:
            if rel in LEFT_OUT:
                continue
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buf.getvalue()
