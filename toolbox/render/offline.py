"""The offline copy (``filer/vaerktoejskassen-offline.zip``): the whole site for use from disk.

Unzip and open ``index.html``: the pages open from disk (``file://``), search included.  It is made
from the site the engine has just built, without a second engine run: the files are the same,
and only what a disk needs is changed on the way into the ZIP:

- links to a folder (the site's directory URLs, ``../roller/``) name its ``index.html``, in the
  pages and in the search index (a browser shows a folder on disk as a listing, not as its page);
- the search index is also written as the script the engine's search loads when the page is
  opened from disk (``search/search_index.js`` for Material, ``search.js`` for Zensical: the
  engine module says which), and Material's Worker shim for ``file://`` is shipped
  (``toolbox/vendor/iframe-worker``, MIT) and loaded by every page, instead of unpkg.com's copy;
- a page opened from disk gets no HTTP headers, so every page carries the site's
  Content-Security-Policy as a ``<meta>`` tag (from ``deploy/snippets/``, without the directives a
  ``<meta>`` cannot hold).  The shim starts search in an iframe with one inline script, which
  depends on the page's path to the search worker; each page's policy allows exactly that script
  by its hash, and nothing else inline;
- the link to the ZIP itself keeps only its text, and the sitemap (dated, of no use on a disk)
  is left out.

The ZIP is deterministic (sorted entries, fixed dates and modes; files that are compressed already
are stored as they are) and cached by a hash of the site's files and this code.  It is an
after-site output of the registry (``toolbox.outputs``); the Koordinatormappe and the course-day pack,
made before it, are in the site and so in the copy.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

from ..cache import cached
from ..errors import RenderError
from ..model import Model

HANDLES = None  # renders no form fields (it copies the site, whose pages were rendered before)
OFFLINE_PATH = "filer/vaerktoejskassen-offline.zip"  # in the site; docs/index.md and docs/om/index.md link to it
PATHS = (OFFLINE_PATH,)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 4  # (see zip_files)
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")  # dated on every build, and of no use on a disk
STORED = (".pdf", ".zip", ".docx", ".odt", ".pptx", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".gz")
SHIM = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"
META_LESS = ("frame-ancestors", "report-uri", "report-to", "sandbox")  # not allowed in a <meta> CSP
HEAD = re.compile(r"<head>", re.I)
WORKER = re.compile(r'"search":\s*"([^"]*)"')  # the page's path to the search worker (in its __config)
SHIM_SCRIPT = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script><script src=", re.S)
HREF = re.compile(r'(\shref=")([^"]*)(")')
SELF_LINK = re.compile(r'<a\b[^>]*\bhref="[^"]*' + re.escape(OFFLINE_PATH) + r'"[^>]*>(.*?)</a>', re.S)
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def meta_csp(policy: str) -> str:
    """The policy for a ``<meta http-equiv>`` tag: the directives a meta tag may hold."""
    kept = [d.strip() for d in policy.split(";") if d.strip() and d.split()[0] not in META_LESS]
    return "; ".join(kept)


def file_url(href: str) -> str:
    """A site link for a copy on disk: a link to a folder names its ``index.html``."""
    if not href or EXTERNAL.match(href):
        return href
    path, sep, rest = href.partition("#")
    path, qsep, query = path.partition("?")
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    else:
        return href
    return path + (qsep + query if qsep else "") + (sep + rest if sep else "")


def search_index(data: bytes) -> bytes:
    """The engine's search index with every location naming its page's file."""
    index = json.loads(data)
    for item in index.get("docs") or index.get("items") or []:
        if isinstance(item, dict) and isinstance(item.get("location"), str):
            location = item["location"]
            path, sep, fragment = location.partition("#")
            if path == "" or path.endswith("/"):
                path += "index.html"
            item["location"] = path + sep + fragment
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()


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


def page(text: str, depth: int, policy: str, shim: str) -> str:
    """One page of the site as the copy on disk has it (``depth``: how many folders down it is)."""
    text = SELF_LINK.sub(r"\1", text)
    text = HREF.sub(lambda m: m.group(1) + html.escape(file_url(html.unescape(m.group(2)))) + m.group(3), text)
    head = f'<head>\n<script src="{"../" * depth}{SHIM_PATH}"></script>'
    if policy:
        own = policy
        worker = WORKER.search(text)
        if worker is not None:
            own = re.sub(r"(^|; )script-src ([^;]*)", lambda m: f"{m.group(1)}script-src {m.group(2)} "
                         + shim_script_hash(shim, worker.group(1)), policy)
        head = f'<head>\n<meta http-equiv="Content-Security-Policy" content="{html.escape(own)}">' + head[len("<head>"):]
    return HEAD.sub(lambda m: head, text, count=1)


def copy_for_disk(site: Path, policy: str, search: tuple[str, str]) -> dict[str, bytes]:
    """Every file of the built ``site`` as the copy on disk has it; ``search``: the engine's search
    index and the script that holds it for a page opened from disk."""
    shim = SHIM.read_text(encoding="utf-8")
    index_path, script_path = search
    out: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel in LEFT_OUT or rel == OFFLINE_PATH:
            continue
        data = path.read_bytes()
        if rel.endswith(".html"):
            data = page(data.decode("utf-8"), rel.count("/"), policy, shim).encode("utf-8")
        elif rel == index_path:
            data = search_index(data)
            out[script_path] = b"var __index = " + data
        out[rel] = data
    out[SHIM_PATH] = SHIM.read_bytes()
    return out


def site_key(site: Path, policy: str, search: tuple[str, str]) -> str:
    """A hash of everything the copy is made of: the site's files, this code, the shim, the policy."""
    h = hashlib.sha256(Path(__file__).read_bytes() + SHIM.read_bytes() + policy.encode() + repr(search).encode())
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel != OFFLINE_PATH:
            h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def render(model: Model, ctx) -> dict[str, bytes]:
    """The whole site for use from disk, as a ZIP (from the cache when the site is unchanged)."""
    policy = meta_csp(model.headers.get("Content-Security-Policy", ""))
    search = (ctx.engine.SEARCH_INDEX, ctx.engine.SEARCH_SCRIPT)
    key = site_key(ctx.site, policy, search)
    data = cached(ctx.cache, f"{key}.zip", lambda: zip_files(copy_for_disk(ctx.site, policy, search),
                                                                 f"vaerktoejskassen-{model.profile_id}"))
    return {OFFLINE_PATH: data}


def zip_files(files: dict[str, bytes], prefix: str) -> bytes:
    """``files`` in a ZIP under ``prefix/``: sorted, fixed dates and modes; what is compressed already
    is stored.  Deflate level 4, not zlib's default 6: the site's 12 MB of text in 0.19 s against
    0.35 s, for a ZIP 1 % larger (13.9 → 14.0 MB), on every build that changes a page."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if rel.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[rel], compresslevel=ZIP_LEVEL)
    return buf.getvalue()


def zip_tree(base: Path, prefix: str) -> bytes:
    """Every file under ``base`` (but the sitemap) in a ZIP under ``prefix/``, as :func:`zip_files`."""
    files = {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}
    return zip_files({rel: data for rel, data in files.items() if rel not in LEFT_OUT}, prefix)
