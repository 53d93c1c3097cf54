"""Where: places recognised, resolved to coordinates, and event locations."""
