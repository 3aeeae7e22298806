"""The offline copy (``filer/vaerktoejskassen-offline.zip``): the whole site for use from disk.

Unzip and open ``index.html``: the pages open from disk (``file://``), search included.  It is a
second engine run on the same generated docs with Material's ``offline`` plugin and
``use_directory_urls: false``; Material's Worker shim for ``file://`` is shipped
(``toolbox/vendor/iframe-worker``, MIT) instead of being fetched from unpkg.com.  A page opened from
disk gets no HTTP headers, so every page carries the site's Content-Security-Policy as a ``<meta>``
tag (from ``deploy/snippets/``, without the directives a ``<meta>`` cannot hold).  The shim starts
search in an iframe with one inline script, which depends on the page's path to the search worker;
each page's policy allows exactly that script by its hash, and nothing else inline.  The ZIP is
deterministic (sorted entries, fixed dates and modes) and cached by a hash of its inputs.

It is an after-site output of the registry (``toolbox.outputs``); it sees the Koordinatormappe and
the course-day pack the outputs before it made, and puts them into the copy.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import re
import shutil
import zipfile
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

from ..cache import write_atomic
from ..errors import RenderError
from ..model import Model
from .coursepack import PACK_PATH
from .mappe import MAPPE_PATH

HANDLES = None  # renders no form fields (it copies the site, whose pages were rendered before)
OFFLINE_PATH = "filer/vaerktoejskassen-offline.zip"  # in the site; docs/index.md and docs/om/index.md link to it
PATHS = (OFFLINE_PATH,)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")  # dated on every build, and of no use on a disk
# A Markdown link to the ZIP itself; in the offline copy only its text stays.
SELF_LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)*" + re.escape(OFFLINE_PATH) + r"\)")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")
SHIM = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"
META_LESS = ("frame-ancestors", "report-uri", "report-to", "sandbox")  # not allowed in a <meta> CSP
HEAD = re.compile(r"<head>", re.I)
WORKER = re.compile(r'"search":\s*"([^"]*)"')  # the page's path to Material's search worker (in its __config)
SHIM_SCRIPT = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script><script src=", re.S)


def meta_csp(policy: str) -> str:
    """The policy for a ``<meta http-equiv>`` tag: the directives a meta tag may hold."""
    kept = [d.strip() for d in policy.split(";") if d.strip() and d.split()[0] not in META_LESS]
    return "; ".join(kept)


def _hash_tree(h: "hashlib._Hash", base: Path, label: str) -> None:
    if not base.is_dir():
        return
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(f"{label}/{path.relative_to(base).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


def offline_config(config: dict[str, Any], docs: str, site: str) -> dict[str, Any]:
    cfg = deepcopy(config)
    cfg["docs_dir"], cfg["site_dir"] = docs, site
    cfg["use_directory_urls"] = False
    cfg["extra"] = {**(cfg.get("extra") or {}), "polyfills": [SHIM_PATH]}  # not unpkg.com's copy
    plugins = list(cfg.get("plugins") or [])
    if not any(p == "offline" or (isinstance(p, dict) and "offline" in p) for p in plugins):
        plugins.append("offline")
    cfg["plugins"] = plugins
    return cfg


def _function(source: str, name: str) -> str:
    """The source text of ``function NAME(...){...}`` in ``source`` (what JavaScript's `${NAME}` gives)."""
    start = source.index(f"function {name}(")
    depth = 0
    for end in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return source[start:end + 1]
    raise ValueError(name)


def shim_script_hash(shim: str, worker: str) -> str:
    """The CSP hash of the inline script the shim writes into its iframe for the worker at ``worker``."""
    m = SHIM_SCRIPT.search(shim)
    if m is None:
        raise RenderError("offline", "iframe-worker", "shimmens script blev ikke fundet (en ny version?)")
    text = re.sub(r"\$\{(\w+)\}", lambda v: worker if v.group(1) == "e" else _function(shim, v.group(1)), m.group(1))
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def with_csp(site: Path, policy: str) -> None:
    """Every page of ``site`` with the policy as the first thing in its ``<head>``; the shim's one
    inline script is allowed by its hash on the pages that start search."""
    shim = SHIM.read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        own = policy
        worker = WORKER.search(text)
        if worker is not None:
            own = re.sub(r"(^|; )script-src ([^;]*)", lambda m: f"{m.group(1)}script-src {m.group(2)} "
                         + shim_script_hash(shim, worker.group(1)), policy)
        tag = f'<head>\n<meta http-equiv="Content-Security-Policy" content="{html.escape(own)}">'
        page.write_text(HEAD.sub(tag, text, count=1), encoding="utf-8")


def render(model: Model, ctx) -> dict[str, bytes]:
    """The whole site for use from disk, as a ZIP (from the cache when its inputs are unchanged)."""
    from importlib.metadata import version

    work: Path = ctx.work
    docs = work / "offline-docs"
    shutil.copytree(work / ctx.config["docs_dir"], docs)
    (docs / OFFLINE_PATH).unlink()
    for path in (MAPPE_PATH, PACK_PATH):  # what the earlier after-site outputs made, where they made it
        made = ctx.files.get(path)
        if made is not None:
            (docs / path).write_bytes(made)
        else:
            (docs / path).unlink(missing_ok=True)
    (docs / SHIM_PATH).write_bytes(SHIM.read_bytes())
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if OFFLINE_PATH in text:
            page.write_text(SELF_LINK.sub(r"\1", text), encoding="utf-8")
    cfg = offline_config(ctx.config, docs.name, "offline-site")
    policy = meta_csp(model.headers.get("Content-Security-Policy", ""))
    h = hashlib.sha256()
    for name in PACKAGES:
        h.update(f"{name}={version(name)};".encode())
    h.update(Path(__file__).read_bytes())
    h.update(policy.encode())
    h.update(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True).encode())
    _hash_tree(h, docs, "docs")
    for folder in ctx.engine.SIDE_FOLDERS:
        _hash_tree(h, work / folder, folder)
    entry = ctx.cache / f"{h.hexdigest()}.zip" if ctx.cache else None
    try:
        if entry is not None and entry.is_file():
            return {OFFLINE_PATH: entry.read_bytes()}
        ctx.engine.build(ctx.engine.write_config(work, cfg, "mkdocs-offline.yml"))
        if policy:
            with_csp(work / "offline-site", policy)
        data = zip_tree(work / "offline-site", f"vaerktoejskassen-{model.profile_id}")
        if entry is not None:
            write_atomic(entry, data)
        return {OFFLINE_PATH: data}
    finally:
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(work / "offline-site", ignore_errors=True)


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
