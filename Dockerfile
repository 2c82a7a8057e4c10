# The bot in a slim image: Python 3.11, the pinned dependencies, the app with its migrations
# and content, run as an unprivileged user. The same install as `make`: pip installs the
# project, here with every version pinned by requirements.lock.
#   docker build -t campaign-bot .
#   docker run --env-file .env -p 8080:8080 campaign-bot            (= campaign-bot run)
#   docker run --env-file .env campaign-bot db upgrade
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY bot ./bot
RUN python -m pip install --constraint requirements.lock . \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bot
# The answers' sentence-embedding model, fetched and checked against pinned hashes at build
# time (scripts/fetch-model), and folders for the embeddings of the content's phrasings and
# for the phrasings as parsed (bot/content/yamlio.py).
# (/app/.cache/: the bot, installed as a package, reads it in the folder it runs in)
COPY scripts/fetch-model ./scripts/fetch-model
RUN python scripts/fetch-model \
    && mkdir -p /app/.cache/embeddings /app/.cache/content \
    && chown bot /app/.cache/embeddings /app/.cache/content
COPY campaigns ./campaigns
COPY messages ./messages

USER bot
ENV HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    CONTENT_DIR=/app/campaigns \
    MESSAGES_DIR=/app/messages \
    LOG_FORMAT=json
EXPOSE 8080
# 503 (a leader not sending while work is overdue, the database unreadable) fails the check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('HTTP_PORT', '8080'), timeout=4)"]
ENTRYPOINT ["campaign-bot"]
CMD ["run"]
