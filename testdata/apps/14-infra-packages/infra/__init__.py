"""Infrastructure for the platform app."""
