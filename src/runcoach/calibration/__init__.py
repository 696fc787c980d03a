"""Offline calibration of runcoach's models: fitting the prediction model's constants to
published race results and measuring its accuracy (docs/models.md). A tool run by hand
(``python -m runcoach.calibration.model_accuracy``), not a use case of the doors."""
