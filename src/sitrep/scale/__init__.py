"""Scale: progress display, the batch runner's helpers and the benchmark."""
