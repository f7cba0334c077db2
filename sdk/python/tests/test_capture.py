import unittest

from labbook import capture


class CaptureTest(unittest.TestCase):
    def test_only_allowlisted_names_are_recorded(self):
        recorded = capture.recorded_environment({"CUDA_VISIBLE_DEVICES": "0", "HOME": "/root"})
        self.assertEqual(recorded, {"CUDA_VISIBLE_DEVICES": "0"})

    def test_secret_names_are_redacted_even_when_allowlisted(self):
        recorded = capture.recorded_environment({"HF_TOKEN": "hf_abcdef123", "HF_HOME": "/h"})
        self.assertEqual(recorded, {"HF_HOME": "/h", "HF_TOKEN": "[redacted]"})

    def test_passwords_in_urls_are_redacted(self):
        recorded = capture.recorded_environment(
            {"LABBOOK_DB": "postgres://me:hunter22@db/x"}, extra_allow=["LABBOOK_*"]
        )
        self.assertEqual(recorded["LABBOOK_DB"], "postgres://me:[redacted]@db/x")

    def test_secret_values_include_url_passwords(self):
        found = capture.secret_values({"MY_API_KEY": "sk-123456", "DB": "http://u:pw123456@h"})
        self.assertEqual(sorted(found), ["pw123456", "sk-123456"])


if __name__ == "__main__":
    unittest.main()
