import math
import os
import tempfile
import unittest

from labbook.record import RecordFile, chain, encode_body
from tests.helpers import read_events


class RecordFileTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.path = os.path.join(self.folder, "events.jsonl")

    def test_lines_are_numbered_and_chained(self):
        record = RecordFile(self.path)
        record.append({"type": "params", "params": {"a": 1}}, {"type": "params", "params": {"b": 2}})
        record.append({"type": "tags", "tags": {"t": "x"}})
        record.close()

        events = read_events(self.path)
        self.assertEqual([event["seq"] for event in events], [0, 1, 2])
        self.assertEqual(events[2]["tags"], {"t": "x"})

    def test_hash_is_last_field_and_covers_the_body_bytes(self):
        body = '{"seq":0,"time":1.5,"type":"params","params":{"a":1}}'
        line, digest = chain("", body)
        self.assertTrue(line.endswith(',"hash":"%s"}\n' % digest))
        self.assertEqual(line[: -len(',"hash":"%s"}\n' % digest)] + "}", body)

    def test_a_second_writer_cannot_open_the_same_file(self):
        RecordFile(self.path).close()
        with self.assertRaises(FileExistsError):
            RecordFile(self.path)

    def test_non_finite_metrics_become_strings(self):
        body = encode_body(
            {"type": "metrics", "steps": [0, 1, 2], "times": [1.0, 1.0, 1.0],
             "values": {"loss": [math.nan, math.inf, -math.inf], "acc": [0.5, None, 1]}}
        )
        self.assertIn('"loss":["NaN","Infinity","-Infinity"]', body)
        self.assertIn('"acc":[0.5,null,1]', body)

    def test_metrics_with_nan_are_written_by_the_fast_path_too(self):
        record = RecordFile(self.path)
        record.append_metrics([0, 1], "[1.0,2.0]", {"loss": [math.nan, 0.5]})
        record.close()

        event = read_events(self.path)[0]
        self.assertEqual(event["values"]["loss"], ["NaN", 0.5])
        self.assertEqual(event["times"], [1.0, 2.0])


if __name__ == "__main__":
    unittest.main()
