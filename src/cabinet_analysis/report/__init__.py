"""Reports: the tables, their rendering, and how notebooks display them."""
