"""Socket.IO plugin for the Pulse runtime."""
