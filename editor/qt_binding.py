"""NodeGraphQt's `Qt` import, answered directly by PySide6.

NodeGraphQt imports Qt.py, which on PySide6 spends about 0.45 s of the editor's start-up (a
third of its import time, measured by bench/editor_startup.py) building compatibility enums we
never use. NodeGraphQt needs only QtCore, QtGui, QtWidgets, QtSvg and the Qt5 locations of a
few Qt6 classes, which this module provides as a `Qt` module before NodeGraphQt is imported.
If Qt.py is already loaded (another library wanted it first), it is left alone.
"""

from __future__ import annotations

import sys
import types

from PySide6 import QtCore, QtGui, QtSvg, QtWidgets, __version__

#: Qt6 moved these from QtWidgets to QtGui; NodeGraphQt still looks for them in QtWidgets.
_MOVED_TO_QTGUI = ("QAction", "QActionGroup", "QShortcut", "QUndoCommand", "QUndoGroup", "QUndoStack")


def install() -> None:
    if "Qt" in sys.modules:
        return
    for name in _MOVED_TO_QTGUI:
        if not hasattr(QtWidgets, name):
            setattr(QtWidgets, name, getattr(QtGui, name))
    module = types.ModuleType("Qt", __doc__)
    module.__dict__.update(
        QtCore=QtCore, QtGui=QtGui, QtWidgets=QtWidgets, QtSvg=QtSvg,
        QtCompat=types.SimpleNamespace(QHeaderView=QtWidgets.QHeaderView),
        IsPySide6=True, IsPySide2=False, IsPyQt5=False, IsPyQt6=False,
        __binding__="PySide6", __binding_version__=__version__, __qt_version__=QtCore.qVersion(),
    )
    sys.modules["Qt"] = module
