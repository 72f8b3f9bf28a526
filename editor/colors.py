"""The dark theme's colours, by role: the one place a colour is named.

A module of its own so that the icons (which are drawn in these colours) and the theme (which
draws its style sheet's marks with the icons) both depend on it and not on each other.
"""

COLORS: dict[str, str] = {
    "window": "#1e2026",
    "panel": "#25282f",
    "base": "#1a1c21",
    "alt_base": "#22252b",
    "raised": "#2e323a",
    "border": "#3a3f4a",
    "text": "#d7dae0",
    "muted": "#8b919c",
    "accent": "#3d8fd6",
    "accent_dim": "#2b5f8f",
    "error": "#e5534b",
    "warning": "#d6a03d",
    "ok": "#57ab5a",
}
