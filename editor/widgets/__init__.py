"""Small widgets shared by panels and dialogs (JSON text, reference drop-downs) and the dock tab bar fix."""
