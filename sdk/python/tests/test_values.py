import math
import unittest

from labbook import values


class ValuesTest(unittest.TestCase):
    def test_a_key_with_a_newline_is_refused_by_name(self):
        with self.assertRaisesRegex(ValueError, "bad\\\\nkey"):
            values.check_key("bad\nkey")

    def test_a_text_metric_is_refused_by_key(self):
        with self.assertRaisesRegex(TypeError, "'loss'"):
            values.metric_value("loss", "0.5")

    def test_a_bool_metric_is_refused(self):
        with self.assertRaises(TypeError):
            values.metric_value("done", True)

    def test_objects_with_float_conversion_are_accepted(self):
        class Scalar:
            def __float__(self):
                return 0.25

        self.assertEqual(values.metric_value("x", Scalar()), 0.25)

    def test_non_finite_params_are_tagged(self):
        self.assertEqual(values.param_value("p", math.inf), {"$float": "Infinity"})
        self.assertEqual(values.param_value("p", "NaN"), "NaN")

    def test_a_param_that_is_not_json_is_refused_by_key(self):
        with self.assertRaisesRegex(TypeError, "'model'.*not JSON-serializable"):
            values.params_map({"model": object()})

    def test_tags_become_strings(self):
        self.assertEqual(values.tags_map({"n": 3, "gone": None}), {"n": "3", "gone": None})

    def test_a_tag_that_is_a_dict_or_list_is_refused_by_key(self):
        for value in ({"a": 1}, [1, 2], object()):
            with self.assertRaisesRegex(TypeError, "tag 'cfg' must be text, a number or a bool"):
                values.tags_map({"cfg": value})


if __name__ == "__main__":
    unittest.main()
