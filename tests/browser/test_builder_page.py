"""The page "Lav jeres egen udgave" in Chromium through nginx (issue 15): a profile typed and saved in the
browser validates and builds in a copy of the project, opens again with every value, and nothing typed is lost
without a question; the page's checks catch a bad e-mail and a too light colour (the live contrast says so while
typing), and axe-core finds nothing, also with the error summary shown.  The site loads nothing from another
host and the CSP holds (no violation)."""
from __future__ import annotations

import html

import yaml

from browserlib import ARTIFACTS, run_axe
from formlib import READ, WATCH_CSP, load_fully
from helpers import copy_project, run_toolbox
from toolbox import colors, messages
from toolbox.render import profile_builder

URL = "/" + profile_builder.PAGE.removesuffix(".md") + "/"
NAME = 'Ærø: Kommune # 1 "Øst"'
JS = messages.BUILDER_JS
TYPED = {  # control id: what the user types
    "fil--id": "aeroe-test",
    "kommunen--name": NAME,
    "kommunen--web": "https://www.aeroe.example/dkk",
    "kommunen--target-group": "Voksne med mange sager på én gang",
    "kontakt--contact-units--enhed--0--label": "Team Øst",
    "kontakt--contact-units--enhed--0--address": "Havnevej 1, 5970 Ærøskøbing",
    "kontakt--contact-units--enhed--0--phone": "11 22 33 44",
    "kontakt--contact-units--enhed--0--email": "oest@aeroe.example",
    "kontakt--contact-units--enhed--1--label": "Team 'Vest'",
    "kontakt--contact-units--enhed--1--address": "Bakken 2",
    "kontakt--contact-units--enhed--1--phone": "11 22 33 45",
    "kontakt--contact-units--enhed--1--email": "vest@aeroe.example",
    "kontakt--contact-units--enhed--1--hours": "Mandag-fredag kl. 9-14",
    "samtykke--consent-months": "9",
    "samtykke--consent-legal-contact": "Jura og Persondata",
    "samtykke--data-controller": "Ærø Test Kommune, Rådhuset, tlf. 11 22 33 00",
    "samtykke--data-protection-officer": "Databeskyttelsesrådgiveren, dpo@aeroe.example",
    "udseende--colors-primary": "#1f4e79",
}
TICKED = ["blanketter--forms--netvaerkskort", "afsnit--netvaerkskort"]  # one form; its first section left out


def _page(context, server):
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    load_fully(page, server + URL)
    return page, errors, requests


def _type(page, typed: dict[str, str]) -> None:
    for fid, value in typed.items():
        if fid.startswith("kontakt--contact-units--enhed--1--") and page.locator(f"#{fid}").count() == 0:
            page.get_by_role("button", name=messages.ADD_ROW.format(what="kontaktenhed")).click()
        page.locator(f"#{fid}").fill(value)


def _save(page, target):
    with page.expect_download() as info:
        page.get_by_role("button", name=messages.BUILDER_SAVE).click()
    info.value.save_as(target)
    return info.value.suggested_filename, target.read_text(encoding="utf-8")


def _axe(page, axe_source, state):
    page.wait_for_timeout(500)  # Material's transitions
    violations = run_axe(page, axe_source)
    assert violations == [], f"{state}: " + "; ".join(f"{v['id']}: {v['help']} at {v['nodes']}" for v in violations)


def _clean(page, errors, requests, server):
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []
    assert [u for u in requests if not u.startswith((server + "/", "blob:", "data:"))] == []
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0


def test_a_profile_saved_in_the_browser_validates_builds_and_opens_again(server, context, tmp_path):
    page, errors, requests = _page(context, server)
    _type(page, TYPED)
    for fid in TICKED:
        page.locator(f"label[for={fid}]").click()
    ratio = colors.contrast_with_white("#1f4e79")
    assert page.locator("#udseende--colors-primary-contrast").inner_text() == JS["contrast"].format(
        ratio=f"{ratio:.2f}".replace(".", ","), min="4,5")
    assert set(page.locator(".tb-profile-id").all_inner_texts()) == {"aeroe-test"}, "the commands name the profile"
    name, text = _save(page, tmp_path / "download.yml")
    assert name == "aeroe-test.yml"
    assert page.locator(".tb-status").inner_text() == JS["saved"].format(file="aeroe-test.yml")
    assert page.locator(".tb-error-summary").count() == 0, page.locator(".tb-error-summary").all_inner_texts()
    assert yaml.safe_load(text)["name"] == NAME
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "profil-fra-browseren.yml").write_text(text, encoding="utf-8")

    # `toolbox validate` accepts it and it builds, in a copy of the project
    project = copy_project(tmp_path / "project")
    (project / "forms" / "profiles" / "aeroe-test.yml").write_text(text, encoding="utf-8")
    checked = run_toolbox("validate", cwd=project)
    assert checked.returncode == 0, checked.stderr
    site = tmp_path / "site"
    built = run_toolbox("build", "--profile", "aeroe-test", "--no-downloads", "--site-dir", str(site), cwd=project)
    assert built.returncode == 0, built.stderr
    front = (site / "index.html").read_text(encoding="utf-8")
    assert html.escape(NAME) in front or html.escape(NAME, quote=False) in front
    assert TYPED["kommunen--target-group"] in front, "the target group on the front page"
    assert (site / "blanketter" / "netvaerkskort" / "index.html").is_file()
    other = (site / "blanketter" / "udrettedagsorden" / "index.html").read_text(encoding="utf-8")
    assert "tb-form-page" not in other, "only the forms ticked (the others' pages say the municipality does not use them)"
    network = (site / "blanketter" / "netvaerkskort" / "index.html").read_text(encoding="utf-8")
    assert 'id="netvaerkskort--om-kortet"' not in network and 'id="netvaerkskort--borger"' in network, "a section left out"

    # typed after saving: leaving asks first; then the saved file opens with every value back
    before = page.evaluate(READ)
    page.locator("#kommunen--department").fill("Social- og Sundhedsforvaltningen")
    kinds: list[str] = []
    page.once("dialog", lambda d: (kinds.append(d.type), d.accept()))
    load_fully(page, None)
    assert kinds == ["beforeunload"]
    assert page.evaluate(READ) == {}
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=messages.BUILDER_OPEN).click()
    chooser.value.set_files(str(tmp_path / "download.yml"))
    page.wait_for_function("() => document.querySelector('.tb-status').textContent !== ''")
    assert page.locator(".tb-status").inner_text() == JS["opened"].format(name="download.yml")
    after = page.evaluate(READ)
    assert after == {**before, "fil.id": "download"}, "every value back (the name is the file's)"
    _, again = _save(page, tmp_path / "again.yml")
    assert yaml.safe_load(again) == yaml.safe_load(text)
    _clean(page, errors, requests, server)


def test_the_checks_catch_a_bad_email_and_a_light_colour_and_axe_finds_nothing(server, context, axe_source, tmp_path):
    page, errors, requests = _page(context, server)
    _axe(page, axe_source, "the empty page")
    _type(page, {**TYPED, "kontakt--contact-units--enhed--0--email": "oest på aeroe.example",
                 "udseende--colors-primary": "#aaaaaa"})
    ratio = f"{colors.contrast_with_white('#aaaaaa'):.2f}".replace(".", ",")
    live = page.locator("#udseende--colors-primary-contrast")
    assert live.inner_text() == JS["contrast_low"].format(ratio=ratio, min="4,5"), "said while typing"
    assert "udseende--colors-primary-contrast" in page.locator("#udseende--colors-primary").get_attribute("aria-describedby")
    _, text = _save(page, tmp_path / "draft.yml")  # saved all the same: a draft may be incomplete
    assert yaml.safe_load(text)["colors"] == {"primary": "#aaaaaa"}
    summary = page.locator(".tb-error-summary")
    assert summary.locator("h2").inner_text() == messages.BUILDER_FORM_UI["js_summary_title"]
    assert page.evaluate("() => document.activeElement.classList.contains('tb-error-summary')")
    links = dict(zip(summary.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))"),
                     summary.locator("a").all_inner_texts()))
    assert links == {
        "#kontakt--contact-units--enhed--0--email": JS["check_email"].format(label="E-mail (Kontaktenhed 1)"),
        "#udseende--colors-primary": JS["check_contrast"].format(label="Hovedfarve", color="#aaaaaa", ratio=ratio, min="4,5"),
    }
    assert page.locator("#udseende--colors-primary").get_attribute("aria-invalid") == "true"
    _axe(page, axe_source, "error summary shown")
    page.screenshot(path=str(ARTIFACTS / "egen-udgave-fejl.png"), full_page=True)
    # corrected and saved again: nothing is wrong any more
    page.locator("#kontakt--contact-units--enhed--0--email").fill("oest@aeroe.example")
    page.locator("#udseende--colors-primary").fill("#1f4e79")
    _save(page, tmp_path / "done.yml")
    assert page.locator(".tb-error-summary, .tb-error").count() == 0
    _clean(page, errors, requests, server)
