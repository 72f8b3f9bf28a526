import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Real Socket.IO servers (python-socketio and Node.js) as fixtures: see tests/sio_servers.py.
pytest_plugins = ["sio_servers"]
