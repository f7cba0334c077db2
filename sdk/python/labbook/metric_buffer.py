"""Metrics logged but not yet written, held in columns so that ``log()`` only appends.

A row that leaves a key out gets None in that key's column; a failed ``log()`` call takes
back what it had added, so a row is written whole or not at all."""

# Seconds between the time marks of buffered rows: the precision of a point's time.
TIME_RESOLUTION = 0.001


class MetricBuffer:
    """Rows not yet written, in columns padded with None where a key was not logged."""

    __slots__ = ("steps", "columns", "time_marks", "next_mark", "flush_rows")

    def __init__(self, flush_points):
        self.steps = []
        self.columns = {}
        # Rows logged within the same millisecond share one time, so a tight loop pays for
        # one clock-to-text conversion per millisecond rather than one per row.
        self.time_marks = []
        self.next_mark = 0.0
        # Counted in rows so that log() need not count points: flush_points over the keys.
        self.flush_rows = flush_points

    def full_columns(self):
        """Each column padded or cut to exactly one value per row."""
        rows = len(self.steps)
        columns = {}
        for key, column in self.columns.items():
            if len(column) != rows:
                column = (column + [None] * rows)[:rows]

            columns[key] = column

        return columns

    def times_text(self):
        """The JSON array of row times, built from the (first row, time) mark of each
        millisecond."""
        marks = self.time_marks
        rows = len(self.steps)
        parts = []
        for index, (row, moment) in enumerate(marks):
            end = marks[index + 1][0] if index + 1 < len(marks) else rows
            # String repetition copies memory; one text per row would cost a join per row.
            parts.append((repr(moment) + ",") * (end - row))

        return "[" + "".join(parts)[:-1] + "]"


def drop_row(columns, row):
    """Undoes the values a failed log() call had added to row ``row``."""
    for key in list(columns):
        column = columns[key]
        del column[row:]
        if all(value is None for value in column):
            del columns[key]


def pad_row(columns, rows):
    """Pads the columns that a row left out with None, up to ``rows`` values."""
    for column in columns.values():
        if len(column) < rows:
            column.extend([None] * (rows - len(column)))
