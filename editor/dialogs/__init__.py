"""The editor's dialogs: Plugins Editor, Project Settings, keyboard shortcuts."""
