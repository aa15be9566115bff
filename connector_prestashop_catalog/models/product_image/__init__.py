from . import exporter
