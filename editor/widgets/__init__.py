"""Small widgets shared by panels and dialogs (JSON text, problem labels, reference drop-downs)."""
