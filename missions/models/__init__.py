from .assessment import Assessment, Methodology, StatusChange
from .catalogue import Framework, Metric, MetricSeries, Mission, Pillar, Target
from .data import HeldBackRow, Indicator, IngestStatus, Observation, Release, ReleaseFile, Source
from .downloads import Download
from .geography import Area

__all__ = [
    "Area",
    "Assessment",
    "Methodology",
    "StatusChange",
    "Download",
    "Framework",
    "HeldBackRow",
    "Indicator",
    "IngestStatus",
    "Metric",
    "MetricSeries",
    "Mission",
    "Observation",
    "Pillar",
    "Release",
    "ReleaseFile",
    "Source",
    "Target",
]
