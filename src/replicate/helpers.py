"""``FileOutput``, under the module name 1.x code imports it from.

Example::

    from replicate.helpers import FileOutput

    def save(output: FileOutput, path: str) -> None:
        with open(path, "wb") as file:
            file.write(output.read())
"""

from ._async._file_output import AsyncFileOutput
from ._sync._file_output import FileOutput

__all__ = ["AsyncFileOutput", "FileOutput"]
