import hashlib
import json
import os
import socket
import subprocess
import sys
import unittest

from labbook import ledger
from labbook.run import Run
from tests.helpers import TemporaryStore, read_events


def ledger_lines(root):
    return read_events(os.path.join(root, "ledger.jsonl"))


def dead_pid():
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


class LedgerTest(unittest.TestCase):
    def test_finishing_a_run_seals_its_file_with_lines_size_and_head_hash(self):
        with TemporaryStore() as store:
            with Run.create(store.root) as run:
                run.log({"loss": 0.5})

            path = os.path.join(run.dir, "events.jsonl")
            events = read_events(path)
            [seal] = ledger_lines(store.root)
            self.assertEqual(seal["seq"], 0)
            self.assertEqual(seal["type"], "seal")
            self.assertEqual(seal["run"], run.id)
            self.assertEqual(seal["file"], "events.jsonl")
            self.assertEqual(seal["lines"], len(events))
            self.assertEqual(seal["bytes"], os.path.getsize(path))
            self.assertEqual(seal["head"], events[-1]["hash"])
            self.assertFalse(os.path.exists(os.path.join(store.root, "ledger.jsonl.lock")))

    def test_an_attached_writer_seals_its_own_file(self):
        with TemporaryStore() as store:
            owner = Run.create(store.root)
            helper = Run.attach(store.root, owner.id)
            helper.log({"acc": 1.0})
            helper.finish()
            owner.finish()

            files = [seal["file"] for seal in ledger_lines(store.root)]
            self.assertEqual(files[1], "events.jsonl")
            self.assertTrue(files[0].startswith("events-python-"))

    def test_a_lock_left_by_a_process_that_is_gone_is_broken(self):
        with TemporaryStore() as store:
            os.makedirs(store.root)
            lock = os.path.join(store.root, "ledger.jsonl.lock")
            with open(lock, "w") as file:
                json.dump({"pid": dead_pid(), "host": socket.gethostname(), "token": "gone"}, file)

            ledger.append_seal(store.root, "r", "events.jsonl", 1, 2, "e" * 64)
            self.assertEqual([seal["run"] for seal in ledger_lines(store.root)], ["r"])
            self.assertFalse(os.path.exists(lock))

    def test_a_torn_last_line_is_cut_off_and_the_chain_goes_on(self):
        with TemporaryStore() as store:
            os.makedirs(store.root)
            ledger.append_seal(store.root, "first", "events.jsonl", 1, 2, "e" * 64)
            with open(os.path.join(store.root, "ledger.jsonl"), "a") as file:
                file.write('{"seq":1,"time":1,"ty')

            ledger.append_seal(store.root, "second", "events.jsonl", 1, 2, "e" * 64)
            self.assertEqual([(s["seq"], s["run"]) for s in ledger_lines(store.root)], [(0, "first"), (1, "second")])

    def test_log_input_records_the_absolute_path_and_sha256(self):
        with TemporaryStore() as store:
            data = os.path.join(store.folder, "cases.csv")
            with open(data, "wb") as file:
                file.write(b"1,benign\n")

            with Run.create(store.root) as run:
                digest = run.log_input(data)
                with self.assertRaisesRegex(ValueError, "not a file"):
                    run.log_input(os.path.join(store.folder, "missing.csv"))

            [event] = [e for e in read_events(os.path.join(run.dir, "events.jsonl")) if e["type"] == "input"]
            self.assertEqual(digest, hashlib.sha256(b"1,benign\n").hexdigest())
            self.assertEqual(event["path"], os.path.abspath(data))
            self.assertEqual(event["sha256"], digest)
            self.assertEqual(event["size"], 9)


if __name__ == "__main__":
    unittest.main()
