"""The dark theme: one palette and one style sheet, so every panel and dialog looks the same.

Colours live in `editor.colors` only (re-exported here as `COLORS`); widgets that need a colour of
their own (a problem message, a placeholder banner) take it from `COLORS` instead of inventing one.
The theme uses the icons (check marks, arrows in the style sheet); the icons only use the colours.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from editor.colors import COLORS
from editor.icons import save_png

__all__ = ["COLORS", "apply", "palette", "set_invalid", "style_sheet"]

_STYLE = """
QWidget {{ color: {text}; font-size: 9pt; }}
QMainWindow, QDialog {{ background: {window}; }}
QMainWindow::separator {{ background: {window}; width: 4px; height: 4px; }}
QMainWindow::separator:hover {{ background: {accent_dim}; }}
QToolTip {{ background: {raised}; color: {text}; border: 1px solid {border}; padding: 4px; }}

QMenuBar {{ background: {window}; border-bottom: 1px solid {border}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {raised}; border-radius: 3px; }}
QMenu {{ background: {panel}; border: 1px solid {border}; padding: 4px; }}
QMenu::item {{ padding: 5px 28px 5px 24px; border-radius: 3px; }}
QMenu::item:selected {{ background: {accent_dim}; }}
QMenu::item:disabled {{ color: {muted}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: 4px 8px; }}

QToolBar {{ background: {window}; border: none; border-bottom: 1px solid {border}; padding: 3px; spacing: 2px; }}
QToolBar::separator {{ width: 1px; background: {border}; margin: 4px 6px; }}
QToolButton {{ background: transparent; border: 1px solid transparent; border-radius: 4px; padding: 4px; }}
QToolButton:hover {{ background: {raised}; border-color: {border}; }}
QToolButton:pressed, QToolButton:checked {{ background: {accent_dim}; }}
QToolButton:disabled {{ color: {muted}; }}

QDockWidget {{ titlebar-close-icon: none; }}
QDockWidget::title {{ background: {panel}; padding: 6px 8px; border-bottom: 1px solid {border};
                      text-align: left; font-weight: bold; }}
QDockWidget > QWidget {{ background: {panel}; }}

QTabWidget::pane {{ border: 1px solid {border}; border-top: 2px solid {accent}; background: {base}; }}
QTabBar::tab {{ background: {window}; color: {muted}; padding: 6px 14px; border: 1px solid {border};
                border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px; margin-right: 2px; }}
QTabBar::tab:selected {{ background: {panel}; color: {text}; border-color: {accent}; }}
QTabBar::tab:hover:!selected {{ background: {raised}; color: {text}; }}
QTabWidget#LogicTabs > QTabBar::tab {{ min-width: 80px; }}

QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QDoubleSpinBox, QComboBox {{
    background: {base}; border: 1px solid {border}; border-radius: 3px; padding: 3px 5px;
    selection-background-color: {accent_dim}; }}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QComboBox:focus {{
    border-color: {accent}; }}
QLineEdit:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled, QComboBox:disabled, QPlainTextEdit:disabled {{
    color: {muted}; background: {window}; border-color: {panel}; }}
QLineEdit:read-only {{ background: {window}; color: {muted}; }}
*[invalid="true"] {{ border: 1px solid {error}; }}
QComboBox QAbstractItemView {{ background: {panel}; border: 1px solid {border};
                               selection-background-color: {accent_dim}; }}
QComboBox::drop-down {{ border: none; width: 18px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::down-button {{
    subcontrol-origin: border; width: 16px; border: none; border-left: 1px solid {border}; background: {raised}; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 3px; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-position: bottom right;
    border-bottom-right-radius: 3px; }}
QSpinBox::up-button:hover, QDoubleSpinBox::up-button:hover, QSpinBox::down-button:hover,
QDoubleSpinBox::down-button:hover {{ background: {accent_dim}; }}
QSpinBox::up-button:disabled, QDoubleSpinBox::up-button:disabled, QSpinBox::down-button:disabled,
QDoubleSpinBox::down-button:disabled {{ background: {window}; border-left-color: {panel}; }}

QPushButton {{ background: {raised}; border: 1px solid {border}; border-radius: 4px; padding: 5px 14px; }}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:pressed {{ background: {accent_dim}; }}
QPushButton:default {{ background: {accent_dim}; border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; background: {panel}; border-color: {panel}; }}

QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {border}; border-radius: 3px;
                        background: {base}; }}
QCheckBox::indicator:checked {{ background: {accent}; border-color: {accent}; }}
QCheckBox::indicator:disabled {{ background: {panel}; }}
QCheckBox::indicator:checked:disabled {{ background: {accent_dim}; border-color: {accent_dim}; }}

QTreeView, QListView, QTableView {{ background: {base}; alternate-background-color: {alt_base};
    border: 1px solid {border}; selection-background-color: {accent_dim}; outline: none; }}
QTreeView::item, QListView::item {{ padding: 3px 2px; }}
QTableView::item {{ padding: 0 4px; }}
QTreeView::item:hover, QListView::item:hover {{ background: {raised}; }}
QTreeView::item:selected, QListView::item:selected, QTableView::item:selected {{ background: {accent_dim}; }}
QHeaderView::section {{ background: {panel}; color: {muted}; border: none; border-right: 1px solid {border};
                        border-bottom: 1px solid {border}; padding: 4px 6px; }}

QGroupBox {{ border: 1px solid {border}; border-radius: 4px; margin-top: 14px; padding-top: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {muted}; font-weight: bold; }}

QScrollBar:vertical {{ background: {window}; width: 10px; margin: 0; }}
QScrollBar:horizontal {{ background: {window}; height: 10px; margin: 0; }}
QScrollBar::handle {{ background: {raised}; border-radius: 4px; min-height: 24px; min-width: 24px; }}
QScrollBar::handle:hover {{ background: {border}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}

QStatusBar {{ background: {window}; border-top: 1px solid {border}; color: {muted}; }}
QSplitter::handle {{ background: {window}; }}
QLabel#PanelHeading {{ color: {muted}; font-weight: bold; padding: 4px 2px 2px 2px; }}
QLabel#Problem {{ color: {error}; font-size: 8pt; }}
QLabel#Banner {{ background: #3b2f1a; color: {warning}; border: 1px solid {warning}; border-radius: 3px;
                 padding: 6px; }}
QLabel#NodeTitle {{ font-size: 11pt; font-weight: bold; }}
QLabel#PageTitle {{ font-size: 12pt; font-weight: bold; }}
QLabel#Muted {{ color: {muted}; }}
QLabel#Wired {{ color: {muted}; font-style: italic; border: 1px dashed {border}; border-radius: 3px;
               padding: 3px 6px; }}
QListWidget#PageList {{ background: {window}; border: none; border-right: 1px solid {border}; }}
QListWidget#PageList::item {{ padding: 8px 12px; }}
"""


def palette() -> QPalette:
    """The dark palette, for widgets that paint with palette roles rather than the style sheet."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window", QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Base: "base", QPalette.ColorRole.AlternateBase: "alt_base",
        QPalette.ColorRole.Text: "text", QPalette.ColorRole.Button: "raised",
        QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.Highlight: "accent_dim",
        QPalette.ColorRole.HighlightedText: "text", QPalette.ColorRole.ToolTipBase: "raised",
        QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.PlaceholderText: "muted",
        QPalette.ColorRole.Link: "accent", QPalette.ColorRole.Mid: "border",
    }
    for role, key in roles.items():
        pal.setColor(role, QColor(COLORS[key]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(COLORS["muted"]))
    return pal


def style_sheet(image_dir: Path | None = None) -> str:
    """The style sheet; with `image_dir`, also the check mark and drop-down arrow drawn into it."""
    sheet = _STYLE.format(**COLORS)
    if image_dir is not None:
        image_dir.mkdir(parents=True, exist_ok=True)
        check, arrow = (image_dir / "check.png").as_posix(), (image_dir / "chevron_down.png").as_posix()
        up = (image_dir / "chevron_up.png").as_posix()
        save_png("check", check, 28, "#ffffff")
        save_png("chevron_down", arrow, 24, COLORS["muted"])
        save_png("chevron_up", up, 24, COLORS["muted"])
        sheet += (f"QCheckBox::indicator:checked {{ image: url({check}); }}\n"
                  f"QComboBox::down-arrow {{ image: url({arrow}); width: 12px; height: 12px; }}\n"
                  f"QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url({up}); width: 9px; height: 9px; }}\n"
                  f"QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url({arrow}); width: 9px; "
                  "height: 9px; }\n")
    return sheet


def apply(app: QApplication) -> None:
    """Fusion style + dark palette + the style sheet, on the whole application."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    font = QFont(app.font())
    font.setPointSizeF(9.0)
    app.setFont(font)
    image_dir = Path(tempfile.gettempdir()) / f"pulse-studio-theme-{os.getuid() if hasattr(os, 'getuid') else 0}"
    app.setStyleSheet(style_sheet(image_dir))


def set_invalid(widget: object, invalid: bool) -> None:
    """Marks an input as invalid (red border through the `invalid` property in the style sheet)."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
