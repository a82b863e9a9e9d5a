"""Rate limits for sockets: a token bucket per connection, and one per address for guessing PINs. Pure: the
caller passes the time, so the rules are tested without waiting."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class TokenBucket:
    """Allows `burst` actions at once and `rate` a second on average."""

    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class AddressLimiter:
    """One bucket per client address, forgetting the least recently seen beyond `size` addresses."""

    def __init__(self, *, rate: float, burst: float, size: int = 10_000) -> None:
        self.rate, self.burst, self.size = rate, burst, size
        self.buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def available(self, address: str, now: float) -> bool:
        """Whether `address` has an attempt left, without using it."""
        bucket = self.buckets.get(address)
        if bucket is None:
            return True
        return min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate) >= 1

    def allow(self, address: str, now: float) -> bool:
        bucket = self.buckets.pop(address, None) or TokenBucket(self.rate, self.burst)
        self.buckets[address] = bucket
        while len(self.buckets) > self.size:
            self.buckets.popitem(last=False)
        return bucket.take(now)
