"""Run and Debug inside the editor: a RunHost in its own thread, drained by a Qt timer."""
