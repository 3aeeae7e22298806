"""Colour maths of WCAG 2.1: relative luminance and contrast ratio of ``#rrggbb`` colours."""
from __future__ import annotations

MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the colour, the colour as text on white


def luminance(color: str) -> float:
    """The relative luminance of ``#rrggbb`` (0 for black, 1 for white)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_with_white(color: str) -> float:
    """The WCAG contrast ratio of ``#rrggbb`` against white."""
    return contrast(color, "#ffffff")


def tint(color: str, share: float) -> str:
    """``color`` mixed with white: ``share`` of the colour (0: white, 1: the colour)."""
    channels = (round(255 - (255 - int(color[i:i + 2], 16)) * share) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in channels)


def readable_tint(color: str, most: float = 0.12) -> str:
    """The strongest tint of ``color`` up to ``most`` on which ``color`` itself still reads as text
    (contrast at least ``MIN_CONTRAST``); white when none is."""
    for step in range(round(most * 100), 0, -1):
        found = tint(color, step / 100)
        if contrast(color, found) >= MIN_CONTRAST:
            return found
    return "#ffffff"
