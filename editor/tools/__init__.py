"""Tools docks: helpers around the logic (the local Socket.IO test server)."""
