# sharecard's HTTP service: `docker build -t sharecard .` then
#   docker run --rm -p 8080:8080 -e SHARECARD_SIGNING_KEY=… -e SHARECARD_WORKERS=2 sharecard
# See docs/service.md (reverse proxy, scaling, limits).
#
# Debian slim with Python, cairo for drawing, and the fonts a newsroom needs beyond the
# ones sharecard ships: Noto CJK (Chinese, Japanese, Korean), Noto Color Emoji, and
# fonts-noto-core (Thai, Bengali, Tamil, Ethiopic, Armenian, Georgian… and more).
# libegl1 and libgl1: the skia-python wheel of the fast drawer (sharecard.paint) links them.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libcairo2 libegl1 libgl1 fontconfig \
        fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

# Only what the wheel is built from: the package, its templates and shipped fonts.
COPY pyproject.toml README.md /build/
COPY src /build/src
COPY templates /build/templates
COPY fonts /build/fonts
RUN pip install "/build[serve]" && rm -rf /build

# No shell, no home, no write access to the installed code.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin sharecard
USER sharecard
WORKDIR /tmp
# The user has no home: fontconfig's cache of sharecard's own font folder and sharecard's
# (compiled templates, patterns) go here, or fontconfig logs an error on every lookup.
ENV XDG_CACHE_HOME=/tmp/.cache

EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["sharecard"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
