"""Test settings: the embedded default with fast password hashing."""
from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_AUTOREFRESH = True

# Tests open and drop databases freely: never keep a connection past its request or database call.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
