"""The window's docked panels: each is one widget with one job, fed by the document."""
