"""Training the shipped models from labels the project committed (document ids + offsets) and the
public text in ../shared/data. `newsevents train events` rebuilds the event decision model."""
