"""Run and Debug inside the editor: a RunHost in its own process, drained by a Qt timer."""
