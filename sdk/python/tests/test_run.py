import glob
import hashlib
import os
import time
import unittest
from unittest import mock

from labbook import run as run_module
from labbook.run import Run
from tests.helpers import TemporaryStore, metric_points, read_events, run_python


class StandaloneRunTest(unittest.TestCase):
    def test_a_run_records_start_params_metrics_and_end(self):
        with TemporaryStore() as store:
            with Run.create(store.root, name="first", params={"lr": 0.1}) as run:
                run.log({"loss": 0.5})
                run.log({"loss": 0.25, "acc": 0.9})
                run.log({"acc": 1.0}, step=10)

            events = read_events(os.path.join(run.dir, "events.jsonl"))
            types = [event["type"] for event in events]
            self.assertEqual(types[0], "start")
            self.assertEqual(events[0]["name"], "first")
            self.assertEqual(events[0]["writer"], "python-sdk")
            self.assertEqual(events[1]["params"], {"lr": 0.1})
            self.assertEqual(metric_points(events, "loss"), [(0, 0.5), (1, 0.25)])
            self.assertEqual(metric_points(events, "acc"), [(1, 0.9), (10, 1.0)])
            self.assertEqual(events[-1]["type"], "end")
            self.assertEqual(events[-1]["status"], "finished")
            self.assertTrue(os.path.exists(os.path.join(run.dir, "heartbeat")))

    def test_bad_input_raises_and_the_run_goes_on(self):
        with TemporaryStore() as store:
            with Run.create(store.root) as run:
                run.log({"loss": 1.0})
                with self.assertRaisesRegex(TypeError, "'acc'"):
                    run.log({"loss": 2.0, "acc": "high"})
                with self.assertRaisesRegex(ValueError, "newline"):
                    run.log({"a\nb": 1.0})
                with self.assertRaisesRegex(TypeError, "'model'"):
                    run.log_params({"model": object()})
                run.log({"loss": 3.0})

            events = read_events(os.path.join(run.dir, "events.jsonl"))
            self.assertEqual(metric_points(events, "loss"), [(0, 1.0), (1, 3.0)])
            self.assertEqual(metric_points(events, "acc"), [])
            self.assertEqual(events[-1]["status"], "finished")

    def test_a_large_buffer_is_written_in_batches_of_about_flush_points(self):
        with TemporaryStore() as store:
            with mock.patch.object(run_module, "FLUSH_POINTS", 10):
                with Run.create(store.root) as run:
                    for step in range(25):
                        row = {"loss": 1.0 / (step + 1), "acc": step / 25}
                        if step == 7:
                            del row["acc"]

                        run.log(row)

            events = read_events(os.path.join(run.dir, "events.jsonl"))
            batches = [event for event in events if event["type"] == "metrics"]
            self.assertEqual([len(batch["steps"]) for batch in batches], [5, 5, 5, 5, 5])
            for batch in batches:
                self.assertEqual(len(batch["times"]), 5)
                self.assertEqual({len(column) for column in batch["values"].values()}, {5})

            self.assertEqual(metric_points(events, "loss"), [(s, 1.0 / (s + 1)) for s in range(25)])
            acc = [(s, s / 25) for s in range(25) if s != 7]
            self.assertEqual(metric_points(events, "acc"), acc)

    def test_metrics_reach_the_file_within_about_a_second(self):
        with TemporaryStore() as store:
            run = Run.create(store.root)
            run.log({"loss": 0.5})
            path = os.path.join(run.dir, "events.jsonl")
            deadline = time.time() + 5
            while time.time() < deadline and not metric_points(read_events(path), "loss"):
                time.sleep(0.1)

            self.assertEqual(metric_points(read_events(path), "loss"), [(0, 0.5)])
            run.finish()

    def test_an_artifact_is_copied_with_its_hash(self):
        with TemporaryStore() as store:
            source = os.path.join(store.folder, "model.bin")
            with open(source, "wb") as file:
                file.write(b"weights")

            with Run.create(store.root) as run:
                copy = run.log_artifact(source, name="models/best.bin")

            with open(copy, "rb") as file:
                self.assertEqual(file.read(), b"weights")

            artifact = [e for e in read_events(os.path.join(run.dir, "events.jsonl"))
                        if e["type"] == "artifact"][0]
            self.assertEqual(artifact["path"], "artifacts/models/best.bin")
            self.assertEqual(artifact["sha256"], hashlib.sha256(b"weights").hexdigest())
            self.assertEqual(artifact["size"], 7)

    def test_an_artifact_name_cannot_leave_the_run_folder(self):
        with TemporaryStore() as store:
            source = os.path.join(store.folder, "x.txt")
            open(source, "w").close()
            with Run.create(store.root) as run:
                with self.assertRaisesRegex(ValueError, "climbs out"):
                    run.log_artifact(source, name="../../escape.txt")


class AttachedRunTest(unittest.TestCase):
    def test_an_attached_writer_uses_its_own_file_and_never_writes_the_end(self):
        with TemporaryStore() as store:
            owner = Run.create(store.root)
            with Run.attach(store.root, owner.id, params={"seed": 1}) as attached:
                attached.log({"loss": 0.1})

            owner.finish()
            files = glob.glob(os.path.join(owner.dir, "events-python-*.jsonl"))
            self.assertEqual(len(files), 1)
            events = read_events(files[0])
            self.assertEqual(events[0]["type"], "attach")
            self.assertEqual(events[0]["run"], owner.id)
            self.assertEqual(events[1]["params"], {"seed": 1})
            self.assertEqual(metric_points(events, "loss"), [(0, 0.1)])
            self.assertNotIn("end", [event["type"] for event in events])


class ProcessLifetimeTest(unittest.TestCase):
    """Each case runs a real interpreter, because these behaviours happen at its exit."""

    def test_a_script_that_ends_normally_finishes_its_run(self):
        with TemporaryStore() as store:
            done = run_python("import labbook\nlabbook.log({'loss': 1.5})\n", store.folder)
            self.assertEqual(done.returncode, 0, done.stderr)
            events = read_events(os.path.join(store.run_dirs()[0], "events.jsonl"))
            self.assertEqual(metric_points(events, "loss"), [(0, 1.5)])
            self.assertEqual(events[-1]["status"], "finished")

    def test_an_uncaught_exception_fails_the_run_with_its_traceback(self):
        with TemporaryStore() as store:
            code = (
                "import labbook\nlabbook.init()\nlabbook.log({'loss': 2.0})\n"
                "raise RuntimeError('diverged')\n"
            )
            done = run_python(code, store.folder)
            self.assertNotEqual(done.returncode, 0)
            self.assertIn(b"diverged", done.stderr)
            events = read_events(os.path.join(store.run_dirs()[0], "events.jsonl"))
            self.assertEqual(metric_points(events, "loss"), [(0, 2.0)])
            self.assertEqual(events[-1]["status"], "failed")
            self.assertIn("RuntimeError: diverged", events[-1]["error"])

    def test_an_attached_script_that_fails_leaves_the_end_to_the_owner(self):
        with TemporaryStore() as store:
            owner = Run.create(store.root)
            code = "import labbook\nlabbook.log({'x': 1})\nraise ValueError('bad batch')\n"
            run_python(code, store.folder, {"LABBOOK_RUN_ID": owner.id, "LABBOOK_STORE": store.root})
            owner.finish("failed")
            attached = read_events(glob.glob(os.path.join(owner.dir, "events-python-*.jsonl"))[0])
            self.assertEqual(attached[-1]["type"], "status")
            self.assertEqual(attached[-1]["status"], "failed")
            self.assertIn("ValueError: bad batch", attached[-1]["reason"])

    def test_an_experiment_given_to_an_attached_script_is_refused_with_a_warning(self):
        with TemporaryStore() as store:
            owner = Run.create(store.root, experiment="from-launcher")
            code = "import labbook\nlabbook.init(experiment='from-sdk')\nlabbook.log({'x': 1})\n"
            env = {"LABBOOK_RUN_ID": owner.id, "LABBOOK_STORE": store.root}
            done = run_python(code, store.folder, env)
            owner.finish()
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("experiment 'from-sdk' is ignored", done.stderr.decode())
            start = read_events(os.path.join(owner.dir, "events.jsonl"))[0]
            self.assertEqual(start["experiment"], "from-launcher")

    def test_a_forked_child_logs_into_a_file_of_its_own(self):
        with TemporaryStore() as store:
            code = (
                "import os, labbook\nlabbook.init()\nlabbook.log({'parent': 1})\n"
                "pid = os.fork()\n"
                "if pid == 0:\n    labbook.log({'child': 2})\n    labbook.finish()\n    os._exit(0)\n"
                "os.waitpid(pid, 0)\n"
            )
            done = run_python(code, store.folder)
            self.assertEqual(done.returncode, 0, done.stderr)
            run_dir = store.run_dirs()[0]
            main = read_events(os.path.join(run_dir, "events.jsonl"))
            child = read_events(glob.glob(os.path.join(run_dir, "events-python-*.jsonl"))[0])
            self.assertEqual(metric_points(main, "parent"), [(0, 1)])
            self.assertEqual(metric_points(child, "child"), [(0, 2)])


if __name__ == "__main__":
    unittest.main()
