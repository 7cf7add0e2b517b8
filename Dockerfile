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
COPY pyproject.toml README.md /tmp/src/
COPY worker /tmp/src/worker
RUN pip install --no-cache-dir /tmp/src && rm -rf /tmp/src

# The default rules file, where .env.example's OUTREACH_CONFIG=config/outreach.toml finds it;
# mount your own over it (-v ./config/outreach.toml:/app/config/outreach.toml:ro) to change the rules.
WORKDIR /app
COPY config/outreach.toml config/outreach.toml

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin outreach \
    && mkdir -p /var/lib/outreach-worker && chown outreach /var/lib/outreach-worker
USER outreach

HEALTHCHECK --interval=5m --timeout=30s --start-period=1m --retries=2 CMD ["outreach-worker", "health"]
CMD ["outreach-worker", "run"]
