"""NodeGraphQt's `Qt` import, answered directly by PySide6.

NodeGraphQt imports Qt.py, which on PySide6 spends about 0.45 s of the editor's start-up (a
third of its import time, measured by bench/editor_startup.py) building compatibility enums we
never use. NodeGraphQt needs only QtCore, QtGui, QtWidgets, QtSvg and the Qt5 locations of a
few Qt6 classes, which this module provides as a `Qt` module before NodeGraphQt is imported.
If Qt.py is already loaded (another library wanted it first), it is left alone.

QtAwesome imports QtPy the same way, whose `from PySide6.QtCore import *` makes PySide6 build
every one of its lazily made classes (0.3-0.9 s of start-up here): `install_qtpy` answers the
few names QtAwesome takes from QtPy directly, unless QtPy is already loaded.
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


def install_qtpy() -> None:
    if "qtpy" in sys.modules:
        return
    module = types.ModuleType("qtpy", "QtPy's names that QtAwesome uses, answered by PySide6 (see install_qtpy).")
    module.__dict__.update(QtCore=QtCore, QtGui=QtGui, QtWidgets=QtWidgets, API="pyside6", API_NAME="PySide6",
                           QT_VERSION=QtCore.qVersion(), PYSIDE_VERSION=__version__, PYQT_VERSION=None,
                           PYSIDE6=True, PYSIDE2=False, PYQT5=False, PYQT6=False, QT5=False, QT6=True)
    sys.modules.update({"qtpy": module, "qtpy.QtCore": QtCore, "qtpy.QtGui": QtGui, "qtpy.QtWidgets": QtWidgets})
