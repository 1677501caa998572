# The README's two commands: `make run` and `make test`. Each installs what it needs (Debian packages,
# a virtualenv, Python packages, translations) once, then runs. Second runs skip the installs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

# Debian packages: Qt's runtime libraries, Arabic-capable fonts, Xvfb, and a real Secret Service
# (dbus + gnome-keyring) for the keyring tests; the validators of the desktop integration files;
# PostgreSQL for the server tests' second pass.
APT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
	libxcb-render-util0 libxcb-image0 libxcb-xinerama0 fonts-dejavu-core fonts-noto-core \
	xvfb xauth dbus gnome-keyring desktop-file-utils appstream \
	postgresql

QM_FILES := $(patsubst %.ts,%.qm,$(wildcard i18n/*.ts))

.PHONY: run test lint bench mutation lupdate screenshots dist install uninstall clean

run: $(VENV)/.stamp-run $(QM_FILES)
	$(PY) -m weshape_desktop --demo $(ARGS)

test: $(VENV)/.stamp-dev $(QM_FILES)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict weshape_desktop/core
	$(VENV)/bin/lint-imports
	@# A throwaway HOME keeps the test keyring out of the user's; the keyring password must be
	@# non-empty or gnome-keyring never creates the default collection (RECIPES.md).
	export HOME=$$(mktemp -d) QT_QPA_PLATFORM=offscreen; \
	dbus-run-session -- sh -c 'echo -n "weshape-test" | gnome-keyring-daemon --unlock \
		--components=secrets >/dev/null; exec xvfb-run -a $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)'
	@# The server tests again on a throwaway PostgreSQL (tests/server/postgres.py starts it).
	HOME=$$(mktemp -d) QT_QPA_PLATFORM=offscreen WESHAPE_TEST_DB=postgresql \
		$(PY) -m pytest -p no:cacheprovider tests/server $(PYTEST_ARGS)

lint: $(VENV)/.stamp-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy --strict weshape_desktop/core
	$(VENV)/bin/lint-imports

# Every bench/ script with --check (QUICK=1: their quick sizes), three runs each; writes
# docs/benchmarks.md and fails on a missed target.
bench: $(VENV)/.stamp-dev $(QM_FILES)
	QT_QPA_PLATFORM=offscreen $(PY) bench/report.py $(if $(QUICK),--quick)

# Mutation testing of the safety-critical core modules ([tool.mutmut] in pyproject.toml): prints
# the surviving mutants and the score. Incremental: a second run tests only what changed.
mutation: $(VENV)/.stamp-dev $(QM_FILES)
	export HOME=$$(mktemp -d) QT_QPA_PLATFORM=offscreen; \
	dbus-run-session -- sh -c 'echo -n "weshape-test" | gnome-keyring-daemon --unlock \
		--components=secrets >/dev/null; exec $(VENV)/bin/mutmut run' | tail -c 400; echo
	$(VENV)/bin/mutmut results
	$(VENV)/bin/mutmut export-cicd-stats >/dev/null
	$(PY) -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		k = s['killed'] + s['timeout']; print('mutants killed: %d of %d (%.1f %%)' \
		% (k, s['total'], 100 * k / max(1, s['total'])))"

# docs/screenshots/*.png in both languages at 1024×640 and 1440×900 (docs/screenshots.py), headless
# with the tests' throwaway HOME and keyring; VIEWS="catalog signin" limits it to those views.
screenshots: $(VENV)/.stamp-run $(QM_FILES)
	export HOME=$$(mktemp -d) QT_QPA_PLATFORM=offscreen; \
	dbus-run-session -- sh -c 'echo -n "weshape-test" | gnome-keyring-daemon --unlock \
		--components=secrets >/dev/null; exec $(PY) docs/screenshots.py $(VIEWS)'

# The PyInstaller one-folder bundle (build.spec) in $(DIST_DIR)/weshape-desktop.
DIST_DIR ?= dist
BUNDLE := $(DIST_DIR)/weshape-desktop
dist: $(VENV)/.stamp-dev $(QM_FILES)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath $(DIST_DIR) \
		--workpath build build.spec
	@du -sh $(BUNDLE)

$(BUNDLE)/weshape-desktop:
	$(MAKE) dist

# `make install` puts the bundle, a launcher, the desktop entry, the icon and the AppStream file
# under PREFIX (user-local by default); `make uninstall` removes exactly those. Both work from a
# built bundle alone: everything installed comes out of it.
PREFIX ?= $(HOME)/.local
APP_ID := com.weshape.Desktop
ICON_SIZES := 48x48 128x128 256x256
SHARED := $(BUNDLE)/_internal
INSTALLED_FILES := $(PREFIX)/bin/weshape-desktop \
	$(PREFIX)/share/applications/weshape-desktop.desktop \
	$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml \
	$(PREFIX)/share/icons/hicolor/scalable/apps/weshape-desktop.svg \
	$(foreach s,$(ICON_SIZES),$(PREFIX)/share/icons/hicolor/$(s)/apps/weshape-desktop.png)
# Folders install may have created, deepest first: removed by uninstall only when left empty.
INSTALLED_DIRS := $(foreach s,scalable $(ICON_SIZES),$(PREFIX)/share/icons/hicolor/$(s)/apps \
	$(PREFIX)/share/icons/hicolor/$(s)) $(PREFIX)/share/icons/hicolor $(PREFIX)/share/icons \
	$(PREFIX)/share/applications $(PREFIX)/share/metainfo $(PREFIX)/share $(PREFIX)/lib \
	$(PREFIX)/bin

install: $(BUNDLE)/weshape-desktop
	@test -n "$(PREFIX)" || { echo "PREFIX is empty"; exit 2; }
	rm -rf $(PREFIX)/lib/weshape-desktop
	mkdir -p $(PREFIX)/lib $(PREFIX)/bin
	cp -a $(BUNDLE) $(PREFIX)/lib/weshape-desktop
	ln -sfn ../lib/weshape-desktop/weshape-desktop $(PREFIX)/bin/weshape-desktop
	install -Dm644 $(SHARED)/resources/weshape-desktop.desktop \
		$(PREFIX)/share/applications/weshape-desktop.desktop
	install -Dm644 $(SHARED)/resources/$(APP_ID).metainfo.xml \
		$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 $(SHARED)/resources/icons/weshape.svg \
		$(PREFIX)/share/icons/hicolor/scalable/apps/weshape-desktop.svg
	for s in $(ICON_SIZES); do install -Dm644 $(SHARED)/icons/hicolor/$$s/apps/weshape-desktop.png \
		$(PREFIX)/share/icons/hicolor/$$s/apps/weshape-desktop.png; done

uninstall:
	@test -n "$(PREFIX)" || { echo "PREFIX is empty"; exit 2; }
	rm -rf $(PREFIX)/lib/weshape-desktop
	rm -f $(INSTALLED_FILES)
	-rmdir --ignore-fail-on-non-empty $(INSTALLED_DIRS) 2>/dev/null

# Refresh i18n/*.ts from the sources (then translate the new entries and commit both).
lupdate: $(VENV)/.stamp-dev
	$(VENV)/bin/pyside6-lupdate $$(find weshape_desktop -name '*.py' | sort) -no-obsolete \
		-locations none -source-language en -target-language ar -ts i18n/weshape_ar.ts
	$(VENV)/bin/pyside6-lupdate $$(find weshape_desktop -name '*.py' | sort) -no-obsolete \
		-locations none -source-language en -target-language en -pluralonly -ts i18n/weshape_en.ts

i18n/%.qm: i18n/%.ts $(VENV)/.stamp-run
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

$(VENV)/.stamp-system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages needed by Qt, fonts, Xvfb and the keyring: $$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
			--no-install-recommends $$missing; \
	fi
	@test -d $(VENV) || python3 -m venv $(VENV)
	@touch $@

$(VENV)/.stamp-run: pyproject.toml $(VENV)/.stamp-system
	$(PY) -m pip install -q --disable-pip-version-check -e '.[server]'
	@touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-run
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) i18n/*.qm .mypy_cache .ruff_cache mutants
