"""The data layer: every data file is read, checked and typed here and nowhere else.

``load_dataset()`` returns a frozen :class:`Dataset`; problems are raised together
as :class:`DataError`, each naming file, line and column.
"""

from .dataset import Dataset, load_dataset, validate_folder
from .package import split_list
from .problems import DataError, Problem

__all__ = ["DataError", "Dataset", "Problem", "load_dataset", "split_list", "validate_folder"]
