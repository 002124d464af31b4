# Two commands for a fresh machine (see README):
#   make serve   install into .venv and start the service on port 8000
#   make test    install the test dependencies into .venv and run every test
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin

.PHONY: serve test install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The engine is compiled with mypyc after each install unless its build is fresh (a no-op then);
# without a C compiler it runs from its Python sources (see docs/speed.md).
install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[compile]'
	$(BIN)/python -m service.build_engine

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,spark,compile]'
	$(BIN)/python -m service.build_engine

serve: install
	PORT=$(PORT) $(BIN)/gunicorn --config docker/gunicorn.conf.py service.wsgi:app

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/engine_throughput.py $(if $(AGAINST),--against $(AGAINST))

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info build .mypy_cache service/attribution/compiled.json
	find service -name '*.so' -delete
