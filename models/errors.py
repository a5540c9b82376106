"""Errors Readout reports to users as one line, never as a traceback."""


class ReadoutError(Exception):
    """Bad input or state, explained in one line that names what was wrong."""


class IngestError(ReadoutError):
    """A file or record that cannot be read as a document."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class ParagraphTooLong(ReadoutError):
    """A paragraph longer than models.limits.PARAGRAPH_CHARS (the file is named by the caller)."""

    def __init__(self, number: int, chars: int):
        from models.limits import PARAGRAPH_CHARS

        super().__init__(
            f"paragraph {number} has over {PARAGRAPH_CHARS:,} characters "
            "(break the text into paragraphs)"
        )
        self.number = number
        self.chars = chars


class StoreError(ReadoutError):
    """A store file that cannot be used as asked (names the file and what is wrong)."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreBusy(StoreError):
    """Another session is writing to the store: nothing was written, try again."""

    def __init__(self, path):
        super().__init__(path, "busy: another upload is being written; try again in a moment")
