"""A Redis cache that degrades to "no cache" when Redis is unreachable, instead of taking the site down.

Every cached thing here (public pages, the data version, throttle histories) is an optimisation or can fail open,
so a cache error is logged and answered as a miss. After an error the cache is skipped for RETRY_SECONDS, so a
dead Redis costs one failed connection per process every few seconds, not one per call.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 5.0


def _fail_soft(name: str, fallback):
    method = getattr(RedisCache, name)

    def wrapper(self, *args, **kwargs):
        if time.monotonic() < self.down_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            self.down_until = time.monotonic() + RETRY_SECONDS
            logger.error("cache unavailable (%s): serving uncached for %.0f s", exc, RETRY_SECONDS)
            return fallback(*args, **kwargs)

    wrapper.__name__ = name
    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes do nothing while Redis is unreachable."""

    down_until = 0.0

    get = _fail_soft("get", _default)
    get_many = _fail_soft("get_many", lambda *args, **kwargs: {})
    has_key = _fail_soft("has_key", lambda *args, **kwargs: False)
    add = _fail_soft("add", lambda *args, **kwargs: False)
    set = _fail_soft("set", lambda *args, **kwargs: None)
    set_many = _fail_soft("set_many", lambda keys, *args, **kwargs: list(keys))
    touch = _fail_soft("touch", lambda *args, **kwargs: False)
    delete = _fail_soft("delete", lambda *args, **kwargs: False)
    delete_many = _fail_soft("delete_many", lambda *args, **kwargs: None)
    clear = _fail_soft("clear", lambda *args, **kwargs: False)
