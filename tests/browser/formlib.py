"""Helpers of the form pages' browser tests: fill every field as a user would, read the fields back,
open a file through the page's own file input, and the built site's published files."""
from __future__ import annotations

import json
from pathlib import Path

from browserlib import ROOT
from toolbox import messages
from toolbox import inputs

MODEL = inputs.load(ROOT).schema_
FORMS = [f.id for f in MODEL.forms]
TITLES = {f.id: f.title for f in MODEL.forms}
# The toolbar's words in each form's own language (a translated form has its own).
UI = {f.id: messages.ui(f.lang, f.ui) for f in MODEL.forms}
SAVED_V1 = ROOT / "tests" / "fixtures" / "saved" / "v1"
# The forms the issue names: every check runs on these (the end-to-end test runs on every form).
MAIN_FORMS = ["netvaerkskort", "udrettedagsorden", "koordinerende-indsatsplan"]

# Every control gets a valid value of its kind (dates typed in Danish order, numbers within their limits).
FILL = """() => {
  const form = document.querySelector('form.tb-form');
  let i = 0;
  for (const el of form.elements) {
    if (!el.name || el.closest('template')) continue;
    i += 1;
    const t = el.type, kind = el.getAttribute('data-kind');
    let v = null;
    if (t === 'checkbox' || t === 'radio') { el.checked = true; }  // the last option of a group wins
    else if (kind === 'date') v = String(1 + i % 28).padStart(2, '0') + '.11.2026';
    else if (t === 'time') v = '09:30';
    else if (t === 'number') v = String(Math.min(Number(el.max || 50), Math.max(Number(el.min || 0), i % 50)));
    else if (t === 'email') v = 'person' + i + '@eksempel.example';
    else if (t === 'tel') v = '11 22 ' + (1000 + i);
    else if (kind === 'cpr') v = '010190-' + (1000 + i);
    else v = 'Værdi ' + i + ' æøå <b>&';
    if (v !== null) el.value = v;
    el.dispatchEvent(new Event('input', {bubbles: true}));
  }
  return i;
}"""

# What the fields hold, as the saved file has it (a date as åååå-mm-dd).
READ = """() => {
  const out = {};
  const iso = v => { const m = /^(\\d{2})\\.(\\d{2})\\.(\\d{4})$/.exec(v); return m ? m[3] + '-' + m[2] + '-' + m[1] : v; };
  for (const el of document.querySelector('form.tb-form').elements) {
    if (!el.name || el.closest('template')) continue;
    if (el.type === 'checkbox') {
      if (!el.checked) continue;
      if (el.closest('[data-kind=multichoice]')) (out[el.name] = out[el.name] || []).push(el.value);
      else out[el.name] = el.value;
    }
    else if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; }
    else if (el.value !== '') out[el.name] = el.getAttribute('data-kind') === 'date' ? iso(el.value) : el.value;
  }
  return out;
}"""

# An init script (run as it stands, before the page's own): records every CSP violation.
WATCH_CSP = """(() => { window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); })();"""


def load_fully(page, url: str | None) -> None:
    """Load (or reload) a page and wait until Material's search has fetched its index, which it
    does on its own shortly after load; what comes after that is the form's own doing."""
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        page.goto(url) if url else page.reload()
    page.wait_for_load_state("networkidle")


def form_page(context, server: str, form_id: str):
    """A form's page, loaded fully, that records its CSP violations; returns (page, the console's
    errors and warnings and the page's uncaught errors, as they come)."""
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    load_fully(page, f"{server}/blanketter/{form_id}/")
    return page, errors


def open_file(page, path: Path, form_id: str) -> str:
    """Choose a file with "Åbn fil" (the page's own button and file input); returns the status line."""
    page.evaluate("() => { document.querySelector('.tb-status').textContent = ''; }")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=UI[form_id].OPEN).click()
    chooser.value.set_files(str(path))
    page.wait_for_function("() => document.querySelector('.tb-status').textContent !== ''", timeout=30_000)
    return page.locator(".tb-status").inner_text()


def save_json(page, form_id: str, target: Path) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name=UI[form_id].SAVE).click()
    info.value.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def save_pdf(page, form_id: str, target: Path) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=UI[form_id].SAVE_PDF).click()
    info.value.save_as(target)
    return target.read_bytes()


def published_schema(site: Path, form_id: str) -> dict:
    return json.loads((site / "blanketter" / "filer" / "eksempel" / f"{form_id}.schema.json").read_text(encoding="utf-8"))


def schema_errors(schema: dict, data: dict) -> list[str]:
    from jsonschema import Draft202012Validator

    v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]


def pdfua_findings(path: Path) -> tuple[list[str], list[str]]:
    """(findings, rules that ran) of the PDF/UA checker (the `pdfua` package: a machine-checkable subset)."""
    from pdfua.validator import validate

    report = validate(str(path))
    findings = [f"{f.rule_id} {f.severity.name}: {f.message}" for o in report.outcomes for f in o.findings]
    ran = [o.rule_id for o in report.outcomes if not o.skipped_reason]
    return findings, ran
