from .catalogue import Framework, Metric, MetricSeries, Mission, Pillar, Target
from .geography import Area

__all__ = ["Area", "Framework", "Metric", "MetricSeries", "Mission", "Pillar", "Target"]
