# outreach-worker: `run` keeps the Outreach List fresh on SYNC_SCHEDULE.
#   docker build -t outreach-worker .
#   docker run -d --name outreach-worker --env-file .env --restart unless-stopped outreach-worker
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OUTREACH_STATE_DIR=/var/lib/outreach-worker \
    LOG_FORMAT=json

# The package (not editable); time zones come from the `tzdata` dependency, so no apt step is needed.
# config/ goes in too: the package ships the defaults file (worker/defaults links to it).
COPY pyproject.toml README.md /tmp/src/
COPY config /tmp/src/config
COPY worker /tmp/src/worker
RUN pip install --no-cache-dir /tmp/src && rm -rf /tmp/src

# The built-in defaults need no file. To change the rules, mount your own config file and point
# OUTREACH_CONFIG at it: -v "$HOME/.config/outreach-worker:/config:ro" -e OUTREACH_CONFIG=/config/outreach.toml
# The defaults file stays at /app/config/outreach.toml for .env files that still name it.
WORKDIR /app
COPY config/outreach.toml config/outreach.toml

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin outreach \
    && mkdir -p /var/lib/outreach-worker && chown outreach /var/lib/outreach-worker
USER outreach

HEALTHCHECK --interval=5m --timeout=30s --start-period=1m --retries=2 CMD ["outreach-worker", "health"]
CMD ["outreach-worker", "run"]
