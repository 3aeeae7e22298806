"""Every Danish string the generated pages show, in one place."""

REQUIRED = "skal udfyldes"
YES = "Ja"
NO = "Nej"
ADD_ROW = "Tilføj {what}"
REMOVE_ROW = "Fjern"
REMOVE_ROW_LABEL = "Fjern {what} {n}"
ROW_NAME = "{what} {n}"
SIGNATURE_HINT = "Skriv navnet her. Underskriv på papir, når blanketten er udskrevet."
CPR_HINT = "Skriv 10 cifre, fx 010190-1234."
DATE_PLACEHOLDER = "dd.mm.åååå"  # in a table cell, where there is no room for the hint
DATE_HINT = "Skriv datoen som dd.mm.åååå, fx 23.11.2026."  # Det Fælles Designsystem's order, whatever the browser's language
TOOLBAR_LABEL = "Gem, åbn, udskriv eller ryd blanketten"
SAVE = "Gem som fil"
SAVE_PDF = "Gem som PDF"
OPEN = "Åbn fil"
PRINT = "Udskriv"
CLEAR = "Ryd"
PRIVACY_NOTE = ("Det, du skriver, bliver i din browser. Intet sendes. Vil du gemme det, så brug "
                "“Gem som PDF” eller “Gem som fil” og læg filen i fagsystemet. Begge kan åbnes igen med "
                "“Åbn fil”. Siden husker ikke noget, når du lukker den.")
# What the form script (docs/assets/javascripts/forms.js) says in the status line and asks before
# clearing; the page hands them to the script in its data-messages attribute.
JS_ROW_ADDED = "Der er tilføjet en række."
JS_NO_MORE_ROWS = "Der kan ikke tilføjes flere rækker."
JS_ROW_REMOVED = "Rækken er fjernet."
JS_SAVED = "Blanketten er gemt som fil. Find den i din mappe med overførsler."
JS_CONFIRM_CLEAR = "Vil du rydde alt, du har skrevet i blanketten?"
JS_CLEARED = "Blanketten er ryddet."
JS_OPENED = "Blanketten er åbnet fra filen “{name}”."
JS_READ_ERROR = "Filen kunne ikke læses."
JS_NOT_JSON = "Filen kunne ikke læses. Vælg en fil, der er gemt med “Gem som fil”."
JS_NOT_SAVED = "Filen er ikke en gemt blanket fra værktøjskassen."
JS_OTHER_FORM = "Filen hører til blanketten “{form}”, ikke til denne blanket."
JS_VERSION = "Filen er gemt i en version, som denne side ikke kender."
JS_CONFIRM_OPEN = ("Du har ændringer, som ikke er gemt. Vil du åbne en fil alligevel? "
                   "Det, du har skrevet, bliver erstattet af filens indhold.")
JS_TOO_LARGE = "Filen er for stor til at være en gemt blanket. Intet er ændret på siden."
JS_HOSTILE = "Filen kan ikke åbnes, fordi den indeholder noget, som en gemt blanket aldrig indeholder. Intet er ændret på siden."
JS_OTHER_FORM_LINK = "Gå til blanketten “{form}”"
JS_NO_ATTACHMENT = ("PDF-filen har ingen gemt blanket indeni. Vælg en PDF, der er lavet med “Gem som PDF”, "
                    "eller en fil, der er gemt med “Gem som fil”.")
JS_OPENED_KEPT = ("Blanketten er åbnet fra filen “{name}”. Filen har {n} værdier, som blanketten ikke har felter til. "
                  "Du kan se dem over blanketten.")
JS_SAVED_PDF = "Blanketten er gemt som PDF. Find den i din mappe med overførsler."
JS_PDF_MAKING = "PDF-filen bliver lavet …"
JS_PDF_FAILED = "PDF-filen kunne ikke laves. Gem blanketten med “Gem som fil” i stedet."
JS_KEPT_TITLE = "Værdier, som blanketten ikke har felter til"
JS_KEPT_LEAD = ("Filen har værdier, som denne udgave af blanketten ikke kender, fx fordi et felt har skiftet navn. "
                "De bliver ikke vist i blanketten, men siden beholder dem og gemmer dem igen, når du gemmer.")
JS_SUMMARY_TITLE = "Tjek blanketten"
JS_SUMMARY_LEAD = "Blanketten er gemt. Men noget mangler eller ser forkert ud:"
JS_ERROR_PREFIX = "Fejl:"
JS_CHECK_REQUIRED = "{label} mangler."
JS_CHECK_CPR = "{label}: Skriv 10 cifre, hvor de første 6 er en dato (ddmmåå), fx 010190-1234."
JS_CHECK_DATE = "{label}: Skriv en dato, der findes, som dd.mm.åååå, fx 23.11.2026."
JS_CHECK_EMAIL = "{label}: Skriv en e-mailadresse som navn@eksempel.dk."
JS_CHECK_TEL = "{label}: Skriv et dansk telefonnummer med 8 cifre, fx 12 34 56 78."
JS_CHECK_TIME = "{label}: Skriv et klokkeslæt som tt:mm, fx 09:30."
JS_CHECK_NUMBER = "{label}: Skriv et helt tal."
JS_CHECK_MIN = "{label}: Skriv et tal, der er {min} eller mere."
JS_CHECK_MAX = "{label}: Skriv et tal, der er {max} eller mindre."
# In the PDF that "Gem som PDF" makes: the appendix with rows the blank PDF has no room for, and the attached file.
JS_PDF_APPENDIX_TITLE = "Bilag: flere rækker"
JS_PDF_APPENDIX_LEAD = ("Rækkerne her er tilføjet i browseren, og der er ikke plads til dem i blanketten. "
                        "De hører til tabellen med samme navn.")
JS_PDF_ATTACHMENT = "Blanketten som gemt fil. Åbn PDF-filen med “Åbn fil” på blankettens side for at rette i den."
JS_KEYS = ("JS_ROW_ADDED", "JS_NO_MORE_ROWS", "JS_ROW_REMOVED", "JS_SAVED", "JS_CONFIRM_CLEAR", "JS_CLEARED",
           "JS_OPENED", "JS_READ_ERROR", "JS_NOT_JSON", "JS_NOT_SAVED", "JS_OTHER_FORM", "JS_VERSION",
           "JS_CONFIRM_OPEN", "JS_TOO_LARGE", "JS_HOSTILE", "JS_OTHER_FORM_LINK", "JS_NO_ATTACHMENT", "JS_OPENED_KEPT",
           "JS_SAVED_PDF", "JS_PDF_MAKING", "JS_PDF_FAILED", "JS_KEPT_TITLE", "JS_KEPT_LEAD", "JS_SUMMARY_TITLE",
           "JS_SUMMARY_LEAD", "JS_ERROR_PREFIX", "JS_CHECK_REQUIRED", "JS_CHECK_CPR", "JS_CHECK_DATE", "JS_CHECK_EMAIL",
           "JS_CHECK_TEL", "JS_CHECK_TIME", "JS_CHECK_NUMBER", "JS_CHECK_MIN", "JS_CHECK_MAX",
           "JS_PDF_APPENDIX_TITLE", "JS_PDF_APPENDIX_LEAD", "JS_PDF_ATTACHMENT")
DOWNLOADS = "Hent blanketten"
BROCHURE_PRINT = ("Pjecen er et A4-ark, der foldes i tre. Udskriv PDF-filen på begge sider af arket, vendt på "
                  "den korte kant. Læg arket med indersiden opad. Fold den højre tredjedel ind, og fold så den "
                  "venstre tredjedel hen over, så forsiden er udad.")
PDF_PAGE_NUMBER = "Side {page} af {pages}"  # the foot of every PDF page
PDF_SIGNATURE_LINE = "Underskrift"  # under the line for a handwritten signature in a PDF
CONTACT_UNITS = "Kontakt"
# The neutral forms (no municipality): the caption of each blank, under the line to write on in the
# PDF and in the placeholder «[…]» in Word and LibreOffice.  One per placeholder of the schema's
# texts (BLANK_ + its name) and per profile value a form shows (the heading, the contact units).
BLANK_KOMMUNE = "Kommunens navn"
BLANK_WEB = "Kommunens hjemmeside"
BLANK_SAMTYKKE_MAANEDER = "Antal (højst 12)"
BLANK_JURIDISK_KONTAKT = "Kommunens juridiske afdeling"
BLANK_DATAANSVARLIG = "Den dataansvarlige: navn, adresse og telefon"
BLANK_DATABESKYTTELSESRAADGIVER = "Databeskyttelsesrådgiveren: navn, telefon og e-mail"
BLANK_ORGANISATION = "Kommunens navn og forvaltning"
BLANK_UNIT_NAME = "Enhedens navn"
BLANK_UNIT_ADDRESS = "Adresse"
BLANK_UNIT_PHONE = "Telefon"
BLANK_UNIT_EMAIL = "E-mail"
BLANK_UNIT_HOURS = "Åbningstid"
BLANK_KEYS = ("BLANK_KOMMUNE", "BLANK_WEB", "BLANK_SAMTYKKE_MAANEDER", "BLANK_JURIDISK_KONTAKT", "BLANK_DATAANSVARLIG",
              "BLANK_DATABESKYTTELSESRAADGIVER", "BLANK_ORGANISATION", "BLANK_UNIT_NAME", "BLANK_UNIT_ADDRESS",
              "BLANK_UNIT_PHONE", "BLANK_UNIT_EMAIL", "BLANK_UNIT_HOURS")
TARGET_GROUP_TITLE = "Målgruppen i {kommune}"  # the profile's target group on the pages that ask for it
FORM_NOT_USED = ("{kommune} bruger ikke denne blanket. De blanketter, kommunen bruger, finder du under "
                 "[Blanketter](index.md).")  # the page of a form the profile leaves out (pages may link to it)
FORMS_INDEX_TITLE = "Blanketter"
FORMS_INDEX_LEAD = ("Her er alle blanketter i værktøjskassen. Du kan udfylde dem i browseren, "
                    "gemme dem som fil og udskrive dem.")
KIND_NAMES = {"form": "Blanket", "brochure": "Pjece"}
FORMATS = {  # suffix: (link text, what it is for)
    ".pdf": ("PDF", "til udskrift og til at udfylde på skærmen"),
    ".docx": ("Word (DOCX)", "til at rette i Word og gemme i fagsystemet"),
    ".odt": ("LibreOffice (ODT)", "til at rette i LibreOffice"),
    ".schema.json": ("Dataskema (JSON)", "til leverandører af fagsystemer"),
}
DOWNLOADS_TITLE = "Hent blanketter"
DOWNLOADS_LEAD = ("Til dig, der vil bruge blanketterne uden for browseren: hent dem som PDF, Word, "
                  "LibreOffice eller som dataskema (JSON) til fagsystemer.")
DOWNLOADS_ZIP = "Alle blanketter i én fil: {link} ({size})."
DOWNLOADS_OWN_TITLE = "Blanketter fra {kommune}"
DOWNLOADS_OWN_LEAD = "Blanketterne her nævner {kommune} og har kommunens egne adresser, telefonnumre og hjemmeside."
DOWNLOADS_NEUTRAL_TITLE = "Neutrale blanketter uden kommunens navn"
DOWNLOADS_NEUTRAL_LEAD = ("Til en anden kommune, der vil bruge blanketterne: de neutrale blanketter er de samme blanketter, "
                          "men de nævner ingen kommune. Hvor kommunens navn, adresse eller hjemmeside skal stå, er der en "
                          "linje at skrive på i PDF-filen og en gul pladsholder som «[Kommunens navn]» i Word- og "
                          "LibreOffice-filen. Skriv jeres egne oplysninger dér. Vil I have hele værktøjskassen i jeres "
                          "eget navn, kan I bygge den med jeres egen kommuneprofil.")
DOWNLOADS_NEUTRAL_ZIP = "Alle neutrale blanketter i én fil: {link} ({size})."
DOWNLOADS_ICONS = ("Piktogrammerne i pjecerne er fra Material Design Icons (Pictogrammers) og må bruges frit efter "
                   "[Apache-licensen 2.0]({link}).")
DOWNLOADS_NONE = "Der er ingen filer at hente i denne udgave af værktøjskassen."
DOWNLOADS_SEE_ALL = "Vil du hente blanketterne som filer? Se [Hent blanketter](hent.md)."
FORM_COLUMN = "Blanket"
# The network map drawn as a map (docs/assets/javascripts/ecomap.js, toolbox/render/ecomap.py): the
# caption of the page in the PDFs, and the words of the drawing, its legend and its text alternative.
ECOMAP_CAPTION = "Netværket som tegning"
ECOMAP_HINT = ("Tegningen bliver lavet ud fra kortet, mens du udfylder det: borgeren i midten og rundt om de personer, "
               "borgeren har kontakt med, delt op som i kortet. Den kommer med, når du udskriver eller gemmer som PDF.")
ECOMAP_TEXTS = {
    "caption": ECOMAP_CAPTION,
    "citizen": "Borgeren",
    "legend_title": "Sådan læser du tegningen",
    "connection": "{label} forbindelse",
    "connection_none": "Forbindelsen er ikke beskrevet",
    "actor": "En person, borgeren har kontakt med",
    "meeting": "Med i det koordinerende møde",
    "no_contact": "Ingen kontakt i: {list}",
    "no_actors": "Der er ingen personer på tegningen endnu. Sæt »Ja« ved »Har borgeren kontakt?« ud for dem, "
                 "borgeren har kontakt med.",
    "alt_none": "Tegning af netværket omkring {citizen}. Der er ingen personer på tegningen endnu.",
    "alt_one": "Tegning af netværket omkring {citizen}: 1 person, som borgeren har kontakt med.",
    "alt_many": "Tegning af netværket omkring {citizen}: {n} personer, som borgeren har kontakt med, delt op i områder.",
    "alt_connection": "{label} forbindelse",
    "alt_meeting": "med i det koordinerende møde",
}
DOWNLOADS_OWN_EDITION = ("Vil I have blanketterne og hele værktøjskassen i jeres kommunes navn, farver og logo? "
                         "Lav jeres profil på siden [Lav jeres egen udgave]({href}).")

# ---- "Lav jeres egen udgave": a municipality profile made in the browser (toolbox/render/profile_builder.py) --
BUILDER_TITLE = "Lav jeres egen udgave"
BUILDER_NAV = "Lav jeres egen udgave"
BUILDER_DESCRIPTION = ("Udfyld jeres kommunes oplysninger i browseren, gem dem som en profilfil, og byg "
                       "værktøjskassen og blanketterne i jeres eget navn.")
BUILDER_LEAD = ("*Til dig, der vil have værktøjskassen og blanketterne i jeres kommunes navn.* Udfyld felterne "
                "herunder og gem dem som en profilfil. Med filen bygger I hele værktøjskassen med jeres navn, "
                "kontaktoplysninger, farver og logo. Alle blanketter får jeres oplysninger.")
BUILDER_FORM_TITLE = "Kommunens profil"
BUILDER_FORM_SUMMARY = "Alt det, der nævner kommunen i værktøjskassen og i blanketterne."
BUILDER_PRIVACY = ("Det, du skriver, bliver i din browser. Intet sendes. Når du trykker på “Gem profil”, "
                   "gemmer browseren en profilfil (YAML) i din mappe med overførsler. Du kan åbne den igen "
                   "med “Åbn profil” og rette i den. Siden husker ikke noget, når du lukker den.")
BUILDER_TOOLBAR = "Gem, åbn eller ryd profilen"
BUILDER_SAVE = "Gem profil"
BUILDER_OPEN = "Åbn profil"
BUILDER_FILE_SECTION = "Profilfilen"
BUILDER_FILE_TEXT = ("Profilen får et kort navn, som også er filens navn. Skriv det med små bogstaver, tal og "
                     "bindestreg, og skriv æ, ø og å som ae, oe og aa.")
BUILDER_ID_LABEL = "Profilens navn"
BUILDER_ID_HINT = "Fx aeroe-kommune. Filen kommer så til at hedde aeroe-kommune.yml."
BUILDER_SECTIONS = {  # section id: (title, Markdown text or "")
    "kommunen": ("Kommunen", ""),
    "kontakt": ("Kontakt", "De enheder, som borgere og samarbejdspartnere kan kontakte. De står på blanketterne og "
                           "i pjecerne. Der skal være mindst én."),
    "samtykke": ("Samtykke og databeskyttelse", "Samtykkeerklæringen nævner, hvor længe samtykket gælder, hvem der "
                                                "er dataansvarlig, og hvordan borgeren kontakter jeres "
                                                "databeskyttelsesrådgiver. Lad jeres jurist tjekke teksterne."),
    "udseende": ("Farver og logo", "Farverne bruges i sidens top, til links og knapper. Hvid tekst skal kunne læses "
                                   "på dem, så kontrasten skal være mindst 4,5:1 (WCAG AA). Siden regner kontrasten "
                                   "ud, mens du skriver. Logoet er en fil, som I lægger ved siden af profilen."),
    "blanketter": ("Blanketter", ""),
    "afsnit": ("Afsnit, I vil udelade", "Sæt kryds ved de afsnit, som I ikke bruger. Mindst ét afsnit skal blive "
                                        "tilbage i hver blanket."),
}
BUILDER_UNITS_HINT = "Skal udfyldes for hver enhed: {fields}."
BUILDER_NO_TITLE = "Afsnit uden overskrift ({id})"
BUILDER_STEPS_TITLE = "Sådan bygger I jeres udgave"
BUILDER_COLOR_PICK = "Vælg {label} med farvevælgeren"
# What forms.js says on the builder's page (the summary of the checks, clearing): of the profile, not a form.
BUILDER_FORM_UI = {
    "js_summary_title": "Tjek profilen",
    "js_summary_lead": "Profilen er gemt. Men noget mangler eller ser forkert ud, og så kan den ikke bruges endnu:",
    "js_confirm_clear": "Vil du rydde alt, du har skrevet i profilen?",
    "js_cleared": "Profilen er ryddet.",
}
# What profile-builder.js says (its data-builder-messages attribute); {label} is a field's label.
BUILDER_JS = {
    "saved": "Profilen er gemt som {file}. Find den i din mappe med overførsler, og læg den i forms/profiles/.",
    "opened": "Profilen er åbnet fra filen “{name}”.",
    "opened_kept": ("Profilen er åbnet fra filen “{name}”. Filen har {n} værdier, som siden ikke har felter til. "
                    "Du kan se dem over felterne. De bliver gemt igen, når du gemmer."),
    "not_yaml": "Filen kunne ikke læses som en profil (YAML). Intet er ændret på siden.",
    "not_profile": "Filen er ikke en kommuneprofil. Intet er ændret på siden.",
    "too_large": "Filen er for stor til at være en kommuneprofil. Intet er ændret på siden.",
    "read_error": "Filen kunne ikke læses.",
    "loading_failed": "Siden kunne ikke indlæse det, der skal til for at åbne filen.",
    "confirm_open": ("Du har ændringer, som ikke er gemt. Vil du åbne en profil alligevel? "
                     "Det, du har skrevet, bliver erstattet af filens indhold."),
    "kept_title": "Værdier, som siden ikke har felter til",
    "kept_lead": ("Filen har værdier, som siden ikke kender. De bliver ikke vist i felterne, men siden beholder dem "
                  "og skriver dem i filen igen, når du gemmer. Ret dem selv i filen."),
    "check_required": "{label} mangler.",
    "check_too_long": "{label}: Skriv højst {max} tegn.",
    "check_number": "{label}: Skriv et helt tal.",
    "check_min": "{label}: Skriv et tal, der er {min} eller mere.",
    "check_max": "{label}: Skriv et tal, der er {max} eller mindre.",
    "check_email": "{label}: Skriv en e-mailadresse som navn@kommune.dk (uden mellemrum, anførselstegn og <>).",
    "check_url": "{label}: Skriv en webadresse, der begynder med https://, uden mellemrum.",
    "check_color": "{label}: Skriv farven som # og 6 tegn med 0-9 og a-f, fx #1f4e79.",
    "check_contrast": ("{label}: Farven {color} har for lav kontrast til hvid ({ratio}:1). Vælg en mørkere farve "
                       "med en kontrast på mindst {min}:1."),
    "check_logo": "{label}: Skriv et filnavn, der ender på .svg eller .png, uden / foran.",
    "check_id": "{label}: Skriv små bogstaver (a-z), tal og bindestreg, fx aeroe-kommune.",
    "check_pattern": "{label} har ikke den rigtige form.",
    "check_rows": "{label}: Skriv mindst {min}.",
    "check_omit_form": "{label}: Blanketten er ikke valgt under “Blanketter, I vil bruge”.",
    "check_omit_all": "{label}: Mindst ét afsnit skal blive tilbage. Vælg hellere blanketten fra.",
    "contrast": "Kontrast med hvid: {ratio}:1. Det er nok (mindst {min}:1).",
    "contrast_low": "Kontrast med hvid: {ratio}:1. Det er for lidt: vælg en mørkere farve (mindst {min}:1).",
    "contrast_none": "Skriv en farve som #rrggbb for at se kontrasten med hvid.",
}

# ---- the step diagrams of the guides (toolbox/steps.py) ---------------------------------
STEP_LABELS = {"who": "Hvem", "what": "Hvad", "when": "Hvornår", "form": "Blanket", "tool": "Redskab"}

# ---- the tool catalogue (toolbox/render/catalogue.py) -------------------------------------
CATALOGUE_TITLE = "Redskaber og blanketter"
CATALOGUE_DESCRIPTION = "Alle redskaber fra kilderne: formål, form, aktører, udfordringer, udbytte og hvornår du bruger dem."
CATALOGUE_FOR = ("Til dig, der leder efter et redskab til et koordineret forløb. Siden viser alle redskaber "
                 "fra kilderne, hvad de er til, og hvornår du bruger dem.")
CATALOGUE_LEAD = ("Redskaber med en blanket kan du udfylde i browseren, gemme som fil og udskrive. Det, du skriver, "
                  "bliver på din egen computer. Se alle blanketterne samlet under [Blanketter]({forms}). "
                  "Skal du vurdere, om en borger skal have en koordinerende kontaktperson, så brug "
                  "[tjeklisten]({check}).")
CATALOGUE_FIND = "Find redskaber"
CATALOGUE_FIND_LEAD = "Listerne herunder viser kun de redskaber, der passer til en fase, et tema eller en rolle."
CATALOGUE_BY = {"fase": "Efter fase", "tema": "Efter tema", "rolle": "Efter rolle"}
CATALOGUE_COUNT = {1: "1 redskab", "n": "{n} redskaber"}
CATALOGUE_NAME_ONLY = ("Beskrevet ud fra navnet: kilden nævner kun redskabet og siger ikke, hvad det indeholder. "
                       "Teksten her er vores bud på, hvad sådan et redskab er til.")
CATALOGUE_NAME_ONLY_SECTION = ("Redskaberne fra handicapprojektet er kun nævnt ved navn i kilden. Deres beskrivelser "
                               "er vores eget bud og er markeret sådan på kortet.")
CATALOGUE_LABELS = {
    "other_names": "Også kaldt",
    "description": "Form",
    "actors": "Aktører",
    "challenges": "Udfordringer",
    "benefits": "Forventet udbytte",
    "when": "Hvornår",
    "phases": "Fase",
    "themes": "Tema",
    "roles": "Roller",
    "source": "Kilde",
}
CATALOGUE_FORM_LINK = "Udfyld blanketten: {title}"
CATALOGUE_PAGE_LINK = "Læs mere om {name}"
CATALOGUE_BACK = "Se alle redskaber som kort"
PHASE_NAMES = {"opstart": "Opstart af et forløb", "eksisterende": "Eksisterende forløb"}
PHASE_FOR = {"opstart": "når et forløb starter", "eksisterende": "i et forløb, der allerede er i gang"}
THEME_NAMES = {"koordinatorfunktioner": "Koordinatorfunktioner", "dialog": "Dialog mellem borger og kommune",
               "tvaerfagligt": "Tværfagligt samarbejde"}
ROLE_NAMES = {"koordinerende-kontaktperson": "Koordinerende kontaktperson", "tovholder": "Tovholder",
              "leder": "Leder og områdechef", "samarbejdspartner": "Samarbejdspartner",
              "borger-og-paaroerende": "Borger og pårørende", "ki-koordinator-og-fagperson": "KI-koordinator og fagperson"}
ROLE_FOR = {"koordinerende-kontaktperson": "er koordinerende kontaktperson", "tovholder": "er tovholder",
            "leder": "er leder eller områdechef", "samarbejdspartner": "er samarbejdspartner",
            "borger-og-paaroerende": "er borger eller pårørende",
            "ki-koordinator-og-fagperson": "er KI-koordinator eller fagperson på en koordinerende indsatsplan"}
FILTER_TITLE = {"fase": "Redskaber efter fase: {name}", "tema": "Redskaber efter tema: {name}",
                "rolle": "Redskaber efter rolle: {name}"}
FILTER_PHASE_FOR = "Til dig, der leder efter redskaber, du bruger {when}. Listen viser de {n} redskaber, der hører til her."
FILTER_THEME_FOR = "Til dig, der leder efter redskaber om {name}. Listen viser de {n} redskaber, der hører til temaet."
FILTER_ROLE_FOR = "Til dig, der {who}. Listen viser de {n} redskaber, du bruger eller møder i rollen."
FILTER_ROLE_PAGE = "Læs om rollen: [{name}]({href})"
FILTER_NAV = {"fase": "Fase: {name}", "tema": "Tema: {name}", "rolle": "Rolle: {name}"}

# ---- the page's own strings in other languages (forms made from a schema translation) ----
# A translation in forms/schema.yml may give any of these under `ui:` (lower-case keys); a
# language without a table here must give all of them.  Downloads and navigation stay Danish:
# they belong to the Danish site around the translated form.
# Under the heading of a section shown only on a condition (a module of the plan): when to fill it in.
# The page shows the section only then; the PDF and the Word files show every section, with this note.
WHEN_NOTE = "Udfyld kun dette afsnit, når »{option}« er valgt under »{field}«."
UI_KEYS = ("REQUIRED", "YES", "NO", "ADD_ROW", "REMOVE_ROW", "REMOVE_ROW_LABEL", "ROW_NAME", "WHEN_NOTE",
           "SIGNATURE_HINT", "CPR_HINT", "DATE_HINT", "DATE_PLACEHOLDER", "TOOLBAR_LABEL", "SAVE", "SAVE_PDF", "OPEN", "PRINT", "CLEAR",
           "PRIVACY_NOTE", "PDF_PAGE_NUMBER", "PDF_SIGNATURE_LINE", "PHONE", "EMAIL",
           "KIND_FORM", "KIND_BROCHURE", *BLANK_KEYS, *JS_KEYS)
PHONE = "Telefon"
EMAIL = "E-mail"
KIND_FORM = KIND_NAMES["form"]
KIND_BROCHURE = KIND_NAMES["brochure"]
UI: dict[str, dict[str, str]] = {
    "en": {
        "REQUIRED": "required",
        "YES": "Yes",
        "NO": "No",
        "ADD_ROW": "Add {what}",
        "REMOVE_ROW": "Remove",
        "REMOVE_ROW_LABEL": "Remove {what} {n}",
        "WHEN_NOTE": "Fill in this part only when “{option}” is chosen under “{field}”.",
        "ROW_NAME": "{what} {n}",
        "SIGNATURE_HINT": "Type the name here. Sign on paper when the form is printed.",
        "CPR_HINT": "Type 10 digits, e.g. 010190-1234.",
        "DATE_PLACEHOLDER": "dd.mm.yyyy",
        "DATE_HINT": "Type the date as dd.mm.yyyy (day, month, year), e.g. 23.11.2026.",
        "TOOLBAR_LABEL": "Save, open, print or clear the form",
        "SAVE": "Save as file",
        "SAVE_PDF": "Save as PDF",
        "OPEN": "Open file",
        "PRINT": "Print",
        "CLEAR": "Clear",
        "PRIVACY_NOTE": ("What you type stays in your browser. Nothing is sent. To keep it, use "
                         "“Save as PDF” or “Save as file”; both open again with “Open file”. "
                         "The page remembers nothing when you close it."),
        "PDF_PAGE_NUMBER": "Page {page} of {pages}",
        "PDF_SIGNATURE_LINE": "Signature",
        "PHONE": "Phone",
        "EMAIL": "Email",
        "KIND_FORM": "Form",
        "KIND_BROCHURE": "Leaflet",
        "BLANK_KOMMUNE": "Name of the municipality",
        "BLANK_WEB": "Website of the municipality",
        "BLANK_SAMTYKKE_MAANEDER": "Number (at most 12)",
        "BLANK_JURIDISK_KONTAKT": "Legal department of the municipality",
        "BLANK_DATAANSVARLIG": "The data controller: name, address and phone",
        "BLANK_DATABESKYTTELSESRAADGIVER": "The data protection officer: name, phone and email",
        "BLANK_ORGANISATION": "Name of the municipality and department",
        "BLANK_UNIT_NAME": "Name of the unit",
        "BLANK_UNIT_ADDRESS": "Address",
        "BLANK_UNIT_PHONE": "Phone",
        "BLANK_UNIT_EMAIL": "Email",
        "BLANK_UNIT_HOURS": "Opening hours",
        "JS_ROW_ADDED": "A row has been added.",
        "JS_NO_MORE_ROWS": "No more rows can be added.",
        "JS_ROW_REMOVED": "The row has been removed.",
        "JS_SAVED": "The form has been saved as a file. You will find it in your downloads folder.",
        "JS_CONFIRM_CLEAR": "Do you want to clear everything you have typed in the form?",
        "JS_CLEARED": "The form has been cleared.",
        "JS_OPENED": "The form has been opened from the file “{name}”.",
        "JS_READ_ERROR": "The file could not be read.",
        "JS_NOT_JSON": "The file could not be read. Choose a file saved with “Save as file”.",
        "JS_NOT_SAVED": "The file is not a form saved from the toolbox.",
        "JS_OTHER_FORM": "The file belongs to the form “{form}”, not to this form.",
        "JS_VERSION": "The file was saved in a version this page does not know.",
        "JS_CONFIRM_OPEN": ("You have changes that are not saved. Do you want to open a file anyway? "
                            "What you have typed will be replaced by the file."),
        "JS_TOO_LARGE": "The file is too large to be a saved form. Nothing on the page has changed.",
        "JS_HOSTILE": ("The file cannot be opened, because it holds something a saved form never holds. "
                       "Nothing on the page has changed."),
        "JS_OTHER_FORM_LINK": "Go to the form “{form}”",
        "JS_NO_ATTACHMENT": ("The PDF file holds no saved form. Choose a PDF made with “Save as PDF”, "
                             "or a file saved with “Save as file”."),
        "JS_OPENED_KEPT": ("The form has been opened from the file “{name}”. The file has {n} values the form has "
                           "no fields for. You can see them above the form."),
        "JS_SAVED_PDF": "The form has been saved as a PDF. You will find it in your downloads folder.",
        "JS_PDF_MAKING": "Making the PDF file …",
        "JS_PDF_FAILED": "The PDF file could not be made. Save the form with “Save as file” instead.",
        "JS_KEPT_TITLE": "Values the form has no fields for",
        "JS_KEPT_LEAD": ("The file has values this version of the form does not know, for example because a field "
                         "was renamed. They are not shown in the form, but the page keeps them and saves them again."),
        "JS_SUMMARY_TITLE": "Check the form",
        "JS_SUMMARY_LEAD": "The form has been saved. But something is missing or looks wrong:",
        "JS_ERROR_PREFIX": "Error:",
        "JS_CHECK_REQUIRED": "{label} is missing.",
        "JS_CHECK_CPR": "{label}: Type 10 digits, the first 6 a date (ddmmyy), e.g. 010190-1234.",
        "JS_CHECK_DATE": "{label}: Type a date that exists as dd.mm.yyyy, e.g. 23.11.2026.",
        "JS_CHECK_EMAIL": "{label}: Type an email address like name@example.dk.",
        "JS_CHECK_TEL": "{label}: Type a Danish phone number with 8 digits, e.g. 12 34 56 78.",
        "JS_CHECK_TIME": "{label}: Type a time as hh:mm, e.g. 09:30.",
        "JS_CHECK_NUMBER": "{label}: Type a whole number.",
        "JS_CHECK_MIN": "{label}: Type a number of {min} or more.",
        "JS_CHECK_MAX": "{label}: Type a number of {max} or less.",
        "JS_PDF_APPENDIX_TITLE": "Appendix: more rows",
        "JS_PDF_APPENDIX_LEAD": ("The rows here were added in the browser, and the form has no room for them. "
                                 "They belong to the table of the same name."),
        "JS_PDF_ATTACHMENT": "The form as a saved file. Open the PDF with “Open file” on the form's page to edit it.",
    },
}


def ui(lang: str = "da", overrides: dict[str, str] | None = None) -> "SimpleNamespace":
    """Every message of this module, with the page's own strings in ``lang``.

    ``overrides`` (a translation's ``ui:``, keys in lower case) win over the built-in table.
    """
    import json
    from types import SimpleNamespace

    values = {k: v for k, v in globals().items() if k.isupper()}
    if lang != "da":
        values.update(UI.get(lang, {}))
    values.update({k.upper(): v for k, v in (overrides or {}).items()})
    values["KIND_NAMES"] = {"form": values["KIND_FORM"], "brochure": values["KIND_BROCHURE"]}
    values["JS_MESSAGES"] = json.dumps({k.removeprefix("JS_").lower(): values[k] for k in JS_KEYS},
                                       ensure_ascii=False, sort_keys=True)
    return SimpleNamespace(**values)
