"""Production settings: everything secret or host-specific comes from the environment, and HTTPS is assumed.

Required: DJANGO_SECRET_KEY (50+ random characters) and DJANGO_ALLOWED_HOSTS (the names players type; websocket
Origin headers are checked against them too). Optional: DJANGO_CSRF_TRUSTED_ORIGINS, DJANGO_SECURE_SSL_REDIRECT,
DJANGO_HSTS_SECONDS, DJANGO_HSTS_PRELOAD. `python manage.py check --deploy` reports no issues with these set;
docs/SECURITY.md explains each choice.
"""
from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Only needed when a form is posted from another origin (a separate front end, or a proxy that rewrites Host).
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS everywhere. Behind a proxy that terminates TLS, the proxy must set X-Forwarded-Proto (and strip it from
# client requests), or every request would look like plain HTTP and be redirected forever.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

# Cookies: sent over HTTPS only, out of reach of page scripts (pages carry the CSRF token in the markup), and
# not sent on cross-site subrequests.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# No page may be framed (clickjacking the host controls), no MIME sniffing, no full URLs (with PINs) in Referer
# headers sent to other sites, and no window of another origin keeps a handle on ours.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
