"""Pages of the performance data (thin: forms collect, services write, selectors read)."""
