"""Settings shared by every environment, read from the environment (twelve-factor).

The embedded default needs no services: SQLite in WAL mode and the in-process channel layer.
DATABASE_URL and REDIS_URL switch to PostgreSQL and channels-redis.
"""
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("QUIZGAME_DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "questions",
    "quizgame.scoring",
    "quizgame.rooms",
    "quizgame.practice",
    "quizgame.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "quizgame.urls"
ASGI_APPLICATION = "quizgame.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'quizgame.sqlite3'}"),
}
# Keep connections open: every websocket database call would otherwise connect (and run the PRAGMAs) anew.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("QUIZGAME_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; IMMEDIATE avoids lock upgrades failing mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    )

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    # Each process holds one hub channel per room, so a room's whole traffic passes through one queue.
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 100_000}}
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Daphne serves static files itself in the embedded mode: WhiteNoise finds them without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "host-dashboard"
LOGOUT_REDIRECT_URL = "home"

# Game limits; each can be changed from the environment.
QUIZGAME = {
    "ANSWER_GRACE_MS": env.int("QUIZGAME_ANSWER_GRACE_MS", default=250),
    "MAX_PLAYERS_PER_GAME": env.int("QUIZGAME_MAX_PLAYERS", default=5000),
    "MAX_MESSAGE_BYTES": env.int("QUIZGAME_MAX_MESSAGE_BYTES", default=4096),
    # Per socket: messages a second on average, and the burst allowed (floods get `rate_limited`, then closed).
    "SOCKET_RATE": env.float("QUIZGAME_SOCKET_RATE", default=5.0),
    "SOCKET_BURST": env.int("QUIZGAME_SOCKET_BURST", default=20),
    # Per client address: attempts at unknown PINs, a minute on average and in a burst.
    "PIN_GUESSES_PER_MINUTE": env.float("QUIZGAME_PIN_GUESSES_PER_MINUTE", default=10.0),
    "PIN_GUESS_BURST": env.int("QUIZGAME_PIN_GUESS_BURST", default=10),
    # Room events written straight to Daphne's sockets when nothing is queued on them (quizgame/rooms/wire.py).
    "DIRECT_WRITES": env.bool("QUIZGAME_DIRECT_WRITES", default=True),
    "BLOCKED_WORDS_FILE": env.str("QUIZGAME_BLOCKED_WORDS_FILE", default=""),
    # Document uploads (questions/views.py): per file, per upload, and the words one upload may send to the
    # generator (about 7,000-10,000 words/s cold, so the default keeps a request under ~10 s).
    "UPLOAD_MAX_BYTES": env.int("QUIZGAME_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024),
    "UPLOAD_MAX_FILES": env.int("QUIZGAME_UPLOAD_MAX_FILES", default=10),
    "UPLOAD_MAX_WORDS": env.int("QUIZGAME_UPLOAD_MAX_WORDS", default=60_000),
    # A bank with auto-approve on plays at once: its top-ranked questions (by generator rank) are approved
    # until this many are.
    "AUTO_APPROVE_TOP": env.int("QUIZGAME_AUTO_APPROVE_TOP", default=15),
}

# Django's own request limits, in step with the upload limits above. Form fields stay small; files stream to
# a temporary file above FILE_UPLOAD_MAX_MEMORY_SIZE; Django refuses more files than an upload may hold. The
# upload view itself refuses a request whose body is larger than UPLOAD_MAX_FILES × UPLOAD_MAX_BYTES (plus
# room for the form) with a readable message before parsing it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = QUIZGAME["UPLOAD_MAX_FILES"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("QUIZGAME_LOG_LEVEL", default="WARNING")},
}
