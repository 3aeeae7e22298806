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
TOOLBAR_LABEL = "Gem, åbn, udskriv eller ryd blanketten"
SAVE = "Gem som fil"
OPEN = "Åbn fil"
PRINT = "Udskriv"
CLEAR = "Ryd"
PRIVACY_NOTE = ("Det, du skriver, bliver i din browser. Intet sendes. Vil du gemme det, så brug "
                "“Gem som fil” og læg filen i fagsystemet. Siden husker ikke noget, når du lukker den.")
DOWNLOADS = "Hent blanketten"
CONTACT_UNITS = "Kontakt"
FORMS_INDEX_TITLE = "Blanketter"
FORMS_INDEX_LEAD = ("Her er alle blanketter i værktøjskassen. Du kan udfylde dem i browseren, "
                    "gemme dem som fil og udskrive dem.")
KIND_NAMES = {"form": "Blanket", "brochure": "Pjece"}
FORMATS = {  # suffix: (link text, what it is for)
    ".pdf": ("PDF", "til udskrift og til at udfylde på skærmen"),
    ".docx": ("Word (DOCX)", "til at rette i Word og gemme i fagsystemet"),
    ".odt": ("LibreOffice (ODT)", "til at rette i LibreOffice"),
    ".schema.json": ("JSON Schema", "til leverandører af fagsystemer"),
}
DOWNLOADS_TITLE = "Hent blanketter"
DOWNLOADS_LEAD = ("Til dig, der vil bruge blanketterne uden for browseren: hent dem som PDF, Word, "
                  "LibreOffice eller JSON Schema.")
DOWNLOADS_ZIP = "Alle blanketter i én fil: {link} ({size})."
DOWNLOADS_NONE = "Der er ingen filer at hente i denne udgave af værktøjskassen."
DOWNLOADS_SEE_ALL = "Vil du hente blanketterne som filer? Se [Hent blanketter](hent.md)."
FORM_COLUMN = "Blanket"
