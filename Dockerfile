# Statement attribution service: gunicorn + Flask on Debian's python3.
#
#   docker build -t statement-attribution .
#   docker run --rm -p 8000:8000 --read-only --tmpfs /tmp statement-attribution
#
# Two stages: `build` makes /opt/venv with the pinned dependencies and the project, its engine
# compiled to C with mypyc; the runtime stage copies only that venv onto a base with Debian's
# python3 and nothing else (no compiler, no mypy, no pip, no pip cache). Both stages use the same
# base so the venv's interpreter path matches.

# ---------------------------------------------------------------------------------- build stage
FROM debian:bookworm-slim AS build

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# The metapackages' versions are fixed for bookworm's lifetime; python3.11 itself takes
# Debian's security updates on every rebuild. gcc and Python's headers compile the engine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3=3.11.2-1+b1 python3-venv=3.11.2-1+b1 \
      python3-dev=3.11.2-1+b1 gcc=4:12.2.0-3 \
 && rm -rf /var/lib/apt/lists/*

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python3 -m venv /opt/venv

WORKDIR /src

# Dependencies in their own layer: it is rebuilt only when pyproject.toml changes. The pinned
# list is read from pyproject.toml itself, so there is one list to keep.
COPY pyproject.toml ./
RUN python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
      > /tmp/requirements.txt \
 && /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

# The compiler's tools (the `compile` extra: mypy with mypyc, setuptools) in a venv of their own,
# which the runtime stage never sees.
RUN python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["compile"]))' \
      > /tmp/compile.txt \
 && python3 -m venv /opt/compile \
 && /opt/compile/bin/pip install --no-cache-dir -r /tmp/compile.txt

# The project itself, as a regular (non-editable) install into the venv. .dockerignore is an
# allow-list (pyproject.toml, README.md, the packages, the gunicorn config), so tests,
# benchmarks, caches and .git never reach the context (nor a compiled engine built on the host).
# The installed engine is then compiled where it lies (-P: the installed copy, not /src's;
# --strict: a failure fails the build) and the build's leftovers removed; pip and setuptools
# leave the venv after. The last line checks that the installed engine imports compiled.
COPY . ./
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps . \
 && site="$(/opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
 && PYTHONPATH="$site" /opt/compile/bin/python -P -m service.build_engine --strict \
 && rm -rf "$site/build" "$site/.mypy_cache" \
 && /opt/venv/bin/pip uninstall --yes pip setuptools \
 && /opt/venv/bin/python -P -c 'import gunicorn, service.wsgi, service.attribution as a; assert a.BUILD.compiled, a.BUILD'

# -------------------------------------------------------------------------------- runtime stage
FROM debian:bookworm-slim

ARG VERSION=1.0.0
ARG SOURCE=unknown
ARG REVISION=unknown

LABEL org.opencontainers.image.title="statement-attribution" \
      org.opencontainers.image.description="Statement attribution for news text over HTTP (v1 API)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"

# Runtime needs only the interpreter. Documentation, man pages and translations are not
# installed (they would only add size); the user is numeric and owns nothing in the image.
RUN printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-exclude /usr/share/man/*' \
      'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
      > /etc/dpkg/dpkg.cfg.d/01-no-docs \
 && apt-get update \
 && apt-get install -y --no-install-recommends python3=3.11.2-1+b1 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin app

COPY --from=build /opt/venv /opt/venv
COPY docker/gunicorn.conf.py /app/docker/gunicorn.conf.py

# Nothing is written outside /tmp, so the container runs with --read-only --tmpfs /tmp.
ENV PATH=/opt/venv/bin:$PATH \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    TMPDIR=/tmp

WORKDIR /app
USER 10001:10001
EXPOSE 8000

# No curl in the image: the interpreter checks /healthz on the port the service was given.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]

# Exec form: gunicorn is PID 1 and gets SIGTERM itself; the config reads PORT and WEB_CONCURRENCY.
CMD ["gunicorn", "--config", "/app/docker/gunicorn.conf.py", "service.wsgi:app"]
