"""Says why Qt's X11 window system plugin (xcb) cannot load, before Qt tries and aborts.

Qt's own message ("Could not load the Qt platform plugin 'xcb'") often names a library that is installed
and not the ones that are missing, then aborts the process. We load the plugin the way Qt will (dlopen)
before creating the QApplication: when that fails, `ldd` names every missing library and we print the
distribution packages to install. No Qt import here: this runs before Qt is touched.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The one line in the README: what Qt's xcb plugin needs beyond a minimal Debian/Ubuntu X11 system.
XCB_PACKAGES = ("libegl1 libgl1 libfontconfig1 libdbus-1-3 libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 "
                "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 "
                "libxcb-xfixes0 libxcb-xkb1")


def uses_xcb(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """Whether Qt will pick the xcb plugin: asked for by name, or the Linux default outside Wayland."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(";")[0].split(":")[0] == "xcb"
    return sys.platform.startswith("linux") and not environ.get("WAYLAND_DISPLAY")


def xcb_plugin(environ: dict[str, str] | os._Environ = os.environ) -> Path | None:
    """The libqxcb.so Qt will load (QT_QPA_PLATFORM_PLUGIN_PATH first, as Qt does), if any."""
    folders = [Path(p) for p in environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    try:
        import PySide6  # the package only: its path, not Qt itself

        folders.append(Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms")
    except ImportError:
        pass
    return next((folder / "libqxcb.so" for folder in folders if (folder / "libqxcb.so").is_file()), None)


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries `ldd` reports as "not found" for the plugin (empty when ldd is absent)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        output = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({m.group(1) for m in re.finditer(r"^\s*(\S+) => not found", output, re.MULTILINE)})


def debian_package(soname: str) -> str:
    """The usual Debian/Ubuntu package of a library: libxcb-icccm.so.4 -> libxcb-icccm4."""
    match = re.match(r"^(.+)\.so\.(\d+)", soname)
    if match is None:
        return soname
    name, major = match.group(1).lower(), match.group(2)
    return f"{name}{'-' if name[-1].isdigit() else ''}{major}"


def xcb_problem(environ: dict[str, str] | os._Environ = os.environ) -> str | None:
    """A short hint when the xcb plugin will not load; None when it will (or xcb is not used)."""
    if not uses_xcb(environ):
        return None
    if not environ.get("DISPLAY"):
        return ("pulse-studio: no X display (DISPLAY is not set). Run it from a desktop session, or use "
                "QT_QPA_PLATFORM=offscreen with --screenshot.")
    plugin = xcb_plugin(environ)
    if plugin is None:
        return None  # not a PySide6 wheel layout: let Qt find its plugin and speak for itself
    try:
        ctypes.CDLL(str(plugin))
        return None
    except OSError as exc:
        reason = str(exc)
    missing = missing_libraries(plugin)
    packages = " ".join(sorted({debian_package(lib) for lib in missing}))
    lines = ["pulse-studio: Qt's X11 platform plugin (xcb) cannot load.",
             f"  missing: {', '.join(missing)}" if missing else f"  {reason}",
             f"  On Debian/Ubuntu: sudo apt-get install {packages or XCB_PACKAGES}",
             f"  (all it needs: sudo apt-get install {XCB_PACKAGES})" if packages else ""]
    return "\n".join(line for line in lines if line)
