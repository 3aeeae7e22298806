"""Værktøjskassen til Den Koordinerende Kontaktperson: site and forms from one YAML schema."""

__version__ = "0.1.0"
