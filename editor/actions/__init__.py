"""The main window's commands: `table` lists them (one row each), `build` makes the Qt objects from it."""
