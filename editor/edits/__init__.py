"""The document's edits, one module per concern (see `editor.edits.base`)."""
