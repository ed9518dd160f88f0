"""Analysis: measures, bounds, yardsticks, gaps, the timeline, sensitivity and the claims."""
