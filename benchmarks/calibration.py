#!/usr/bin/env python3
"""Calibration of the posterior over the unknowns: 1,000 seeded synthetic cabinets; the share whose 95%
interval covers the true share should lie between 93% and 97%.

    .venv/bin/python benchmarks/calibration.py [cabinets]
"""

import sys
import time

from cabinet_analysis.analysis.governments import calibration

cabinets = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
start = time.perf_counter()
covered = calibration(cabinets)
print(
    f"{cabinets} synthetic cabinets: the 95% interval covers the true share in {covered:.1%} "
    f"(goal 93% to 97%), {time.perf_counter() - start:.1f} s"
)
