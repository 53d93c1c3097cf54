"""Who said what: statements, their speakers and cues."""
