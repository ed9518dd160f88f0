"""cabinet-analysis."""
