"""How the toolbox writes: the site swapped in one step, race-free caches of raw files, no file
overwritten without being asked, and the same headers wherever the site is served."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from helpers import ROOT, SHARED_CACHE, TOOLBOX, run_toolbox
from toolbox.cache import FileSetCache, write_atomic
from toolbox.writer import swap_into_place


def test_the_swap_never_leaves_the_site_folder_missing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("gammel")
    seen_missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (site / "index.html").exists():
                seen_missing.append(True)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(200):
            new = tmp_path / f"new-{n}"
            new.mkdir()
            (new / "index.html").write_text(f"ny {n}")
            swap_into_place(new, site)
    finally:
        stop.set()
        watcher.join()
    assert (site / "index.html").read_text() == "ny 199"
    assert not seen_missing, "index.html was missing during a swap"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no old site is left behind"


def _put(folder: str, n: int) -> None:
    cache = FileSetCache(Path(folder))
    cache.put("samme-noegle", {"a.pdf": b"%PDF-" + bytes(200_000), "b/c.docx": f"docx {n}".encode()})


def test_two_processes_writing_one_cache_entry_leave_one_whole_entry(tmp_path):
    with ProcessPoolExecutor(max_workers=4) as pool:
        list(pool.map(_put, [str(tmp_path)] * 8, range(8)))
    entry = FileSetCache(tmp_path).get("samme-noegle")
    assert entry is not None and set(entry) == {"a.pdf", "b/c.docx"}
    assert len(entry["a.pdf"]) == 200_005 and entry["b/c.docx"].startswith(b"docx ")
    assert [p.name for p in tmp_path.iterdir()] == ["samme-noegle"], "no temporary folder is left behind"


def test_the_document_cache_holds_the_raw_files(built_site):
    """The cache entry of a PDF is the PDF itself, not base64 inside JSON."""
    entries = [p for p in (Path(SHARED_CACHE) / "documents").iterdir() if p.is_dir()]
    pdfs = [f for e in entries for f in e.rglob("*.pdf")]
    assert pdfs and all(f.read_bytes().startswith(b"%PDF-") for f in pdfs)
    assert not list((Path(SHARED_CACHE) / "documents").glob("*.json"))


def test_write_atomic_keeps_the_old_content_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"gammel")

    def broken(self, data):
        raise OSError("disken er fuld")

    monkeypatch.setattr(Path, "write_bytes", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"ny")
    monkeypatch.undo()
    assert target.read_bytes() == b"gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_fill_does_not_overwrite_a_file_without_force(tmp_path):
    out = tmp_path / "ark.pdf"
    out.write_bytes(b"mit eget ark")
    result = run_toolbox("fill", "forms/cases/noah.yml", "--form", "netvaerkskort", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == f"toolbox: {out} findes allerede; brug --force for at skrive over den (intet er skrevet)\n"
    assert out.read_bytes() == b"mit eget ark"
    forced = run_toolbox("fill", "forms/cases/noah.yml", "--form", "netvaerkskort", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_sends_the_same_headers_as_production(real, tmp_path):
    port = _free_port()
    env = {**os.environ, "TOOLBOX_CACHE_DIR": SHARED_CACHE}
    proc = subprocess.Popen([*TOOLBOX, "serve", "--port", str(port), "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    headers = r.headers
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.5)
        for name, value in real.headers.items():
            assert headers[name] == value, name
        assert "Set-Cookie" not in headers
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/blanketter/filer/eksempel/netvaerkskort.pdf") as r:
            assert r.headers["Content-Type"] == "application/pdf"
            assert r.headers["Content-Disposition"] == "attachment"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
