# stlsearch - one non-recursive GNU Makefile.
#
#   make                 build the library and the programs into build/
#   make check           install missing Debian packages, build, run every test
#                        (also under ASan/UBSan, valgrind, and short fuzzing)
#   make demo            install missing packages, build, index corpus/, query it
#   make asan            the unit and CLI tests under ASan + UBSan (build/asan/)
#   make bench           benchmarks against FTS5, scriptindex, grep (100k minutes;
#                        bench-quick: 10k); results in bench/results/
#   make stemcheck       the stemmer against Snowball's Spanish vocabulary
#   make fuzz            each libFuzzer harness FUZZ_TIME s (clang, build/fuzz/)
#   make install         PREFIX=/usr/local DESTDIR= (binaries in $(PREFIX)/bin)
#   make uninstall | clean
#
# CFLAGS/CXXFLAGS/LDFLAGS are yours; the project's warnings and settings are
# added on top. In CI (CI=true) warnings are errors. SANITIZE=address,undefined
# builds with sanitizers into build/san-address,undefined/ unless BUILD is set.

CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# stlextract, which stlindex runs (it looks beside itself first).
LIBEXECDIR ?= $(PREFIX)/libexec/stlsearch
DESTDIR ?=
INSTALL ?= install

ifdef SANITIZE
BUILD ?= build/san-$(SANITIZE)
else
BUILD ?= build
endif

WARNINGS := -Wall -Wextra -Wshadow -Wformat=2 -Wpointer-arith -Wvla \
	-Wwrite-strings -Wundef -Wmissing-declarations
CWARNINGS := $(WARNINGS) -Wstrict-prototypes -Wmissing-prototypes \
	-Wold-style-definition
ifeq ($(CI),true)
WERROR := -Werror
endif


SANFLAGS :=
ifdef SANITIZE
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

DEPFLAGS = -MMD -MP
ALL_CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(CWARNINGS) $(WERROR) $(SANFLAGS) $(CFLAGS)
ALL_CXXFLAGS = -std=c++17 $(WARNINGS) $(WERROR) $(SANFLAGS) $(CXXFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_LIBS := -lxapian -lunistring -lxxhash -ljansson -lm
TEST_LIBS := -lcmocka
# stlsearch --servir (lib/web/).
WEB_LIBS := -lmicrohttpd

# ---- sources ---------------------------------------------------------------
# lib/      what both programs link, a folder per module: base/ (status,
#           strings, paths), text/ (analysis), minute/ (the minutes parser),
#           index/ (layout, record, Xapian wrapper), search/ (the search
#           library both faces of stlsearch call)
# indexer/  stlindex (main.c is the CLI; the rest is testable modules)
# searcher/ stlsearch's command line
LIB_C_SRCS := $(sort $(wildcard lib/*/*.c))
LIB_CXX_SRCS := $(sort $(wildcard lib/*/*.cc))
LIB_OBJS := $(LIB_C_SRCS:%.c=$(BUILD)/%.o) $(LIB_CXX_SRCS:%.cc=$(BUILD)/%.o)
LIBSTL := $(BUILD)/libstlsearch.a

INDEXER_SRCS := $(sort $(wildcard indexer/*.c))
INDEXER_MODS := $(filter-out indexer/main.c,$(INDEXER_SRCS))
SEARCHER_SRCS := $(sort $(wildcard searcher/*.c))

# extractor/ stlextract, the format readers stlindex runs in a child process
EXTRACTOR_SRCS := $(sort $(wildcard extractor/*.c))
EXTRACTOR_MODS := $(filter-out extractor/main.c,$(EXTRACTOR_SRCS))
EXTRACT_PKGS := libzip libxml-2.0 poppler-glib tesseract lept cairo
# -isystem: GLib's headers do not build clean under the project's warnings.
EXTRACT_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(EXTRACT_PKGS) 2>/dev/null))
EXTRACT_LIBS := $(shell pkg-config --libs $(EXTRACT_PKGS) 2>/dev/null)

PROGRAMS :=
HELPERS :=
ifneq ($(wildcard indexer/main.c),)
PROGRAMS += $(BUILD)/stlindex
endif
ifneq ($(wildcard searcher/main.c),)
PROGRAMS += $(BUILD)/stlsearch
endif
ifneq ($(wildcard extractor/main.c),)
HELPERS += $(BUILD)/stlextract
endif

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
E2E_TESTS := $(filter-out tests/e2e/lib.sh,$(sort $(wildcard tests/e2e/*.sh)))
MANPAGES := $(wildcard man/*.1)

# Fuzz harnesses (tests/fuzz/fuzz_*.c): linked with libFuzzer in the fuzz
# build (make fuzz), and with a plain driver everywhere else so that their
# seed corpora and kept crashers replay as regression tests.
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/%.c=%)
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/%)
FUZZERS := $(FUZZ_NAMES:%=$(BUILD)/fuzzers/%)

BENCH_SRCS := $(sort $(wildcard bench/*.c))
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/tools/%)
PRELOAD_SRCS := $(sort $(wildcard tests/tools/preload/*.c))
PRELOAD_LIBS := $(PRELOAD_SRCS:tests/tools/preload/%.c=$(BUILD)/tests/tools/%.so)

ALL_OBJS := $(BENCH_SRCS:%.c=$(BUILD)/%.o) $(TOOL_SRCS:%.c=$(BUILD)/%.o) $(LIB_OBJS) $(INDEXER_SRCS:%.c=$(BUILD)/%.o) \
	$(SEARCHER_SRCS:%.c=$(BUILD)/%.o) $(EXTRACTOR_SRCS:%.c=$(BUILD)/%.o) $(UNIT_SRCS:%.c=$(BUILD)/%.o) \
	$(FUZZ_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/tests/fuzz/driver.o

# ---- build -----------------------------------------------------------------
.SECONDARY:
.PHONY: all deps check check-unit check-e2e check-install check-replay \
	check-valgrind check-fuzz fuzz fuzzers run-fuzz demo asan install \
	uninstall clean bench bench-quick stemcheck

all: $(LIBSTL) $(PROGRAMS) $(HELPERS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CPPFLAGS) $(ALL_CXXFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIBSTL): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# stlindex carries the shipped institutions table (corpus/instituciones.tsv).
GEN_INST := $(BUILD)/gen/institutions_builtin.c
$(GEN_INST): corpus/instituciones.tsv scripts/embed-text
	@mkdir -p $(@D)
	scripts/embed-text stl_builtin_institutions $< > $@.tmp && mv $@.tmp $@

$(GEN_INST:.c=.o): $(GEN_INST)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Programs link with the C++ driver: the wrapper needs libstdc++.
$(BUILD)/stlindex: $(INDEXER_SRCS:%.c=$(BUILD)/%.o) $(GEN_INST:.c=.o) $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS)

# lib/web/ reads the file state the indexer stores with its own parser.
$(BUILD)/stlsearch: $(SEARCHER_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/indexer/state.o $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS) $(WEB_LIBS)

$(BUILD)/extractor/%.o: ALL_CPPFLAGS += $(EXTRACT_CFLAGS)
$(BUILD)/indexer/extclient.o: ALL_CPPFLAGS += -DSTL_LIBEXECDIR='"$(LIBEXECDIR)"'

$(BUILD)/stlextract: $(EXTRACTOR_SRCS:%.c=$(BUILD)/%.o) $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS) $(EXTRACT_LIBS)

# A unit suite links the library and the indexer's modules (not main.c),
# so suites can test indexing and search code directly.
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(INDEXER_MODS:%.c=$(BUILD)/%.o) $(LIBSTL)
	@mkdir -p $(@D)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS) $(WEB_LIBS) $(TEST_LIBS)

# The extractor's suites (test_extract_*.c) link its readers instead.
$(BUILD)/tests/test_extract_%: $(BUILD)/tests/unit/test_extract_%.o $(EXTRACTOR_MODS:%.c=$(BUILD)/%.o) $(LIBSTL)
	@mkdir -p $(@D)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS) $(EXTRACT_LIBS) $(TEST_LIBS)

$(BUILD)/tests/unit/test_extract_%.o: ALL_CPPFLAGS += $(EXTRACT_CFLAGS) -Iextractor

# Small measuring programs in bench/ (never tests).
$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS)

# Helper programs the end-to-end tests drive (tests/tools/*.c).
$(BUILD)/tests/tools/%: $(BUILD)/tests/tools/%.o $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS)

# How far the stemmer agrees with Snowball on its Spanish test vocabulary
# (tests/unit/stemcmp.h); STEMCHECK_MISSES=N also lists the N worst stems.
STEMCHECK_MISSES ?= 0
stemcheck: $(BUILD)/tests/tools/stemcheck
	$< -m $(STEMCHECK_MISSES) tests/data/snowball-spanish

# ---- benchmarks (never tests; see bench/README.md) ----------------------------
# make bench: the 100,000-minute corpus; make bench-quick: 10,000 minutes.
BENCH_BINS := $(BUILD)/bench/gen $(BUILD)/bench/analyzer $(BUILD)/bench/querytime \
	$(BUILD)/bench/parsetime
# gen writes .docx with libzip (-f docx); extract drives stlextract
# through the indexer's own client (indexer/extclient.c).
$(BUILD)/bench/gen.o: ALL_CPPFLAGS += $(patsubst -I%,-isystem %,$(shell pkg-config --cflags libzip 2>/dev/null))
$(BUILD)/bench/gen: $(BUILD)/bench/gen.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(shell pkg-config --libs libzip 2>/dev/null)

$(BUILD)/bench/extract: $(BUILD)/bench/extract.o $(BUILD)/indexer/extclient.o $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS)

BENCH_RUN = scripts/install-deps bench && \
	$(MAKE) --no-print-directory all $(BENCH_BINS) && \
	STL_BUILD=$(abspath $(BUILD)) sh bench/run.sh

bench:
	$(BENCH_RUN) 100000 3

bench-quick:
	$(BENCH_RUN) 10000 3

# make bench-formats: the 10k corpus as .txt against the same as .docx, and
# stlextract's throughput per format (bench/formats.sh).
.PHONY: bench-formats
bench-formats:
	scripts/install-deps bench && \
	$(MAKE) --no-print-directory all $(BUILD)/bench/gen $(BUILD)/bench/extract && \
	STL_BUILD=$(abspath $(BUILD)) sh bench/formats.sh 10000 3

# make bench-ocr: seconds per page and word recall of OCR at 150, 200 and
# 300 dpi (bench/ocr.sh).
.PHONY: bench-ocr
bench-ocr:
	scripts/install-deps bench && \
	$(MAKE) --no-print-directory all && \
	STL_BUILD=$(abspath $(BUILD)) sh bench/ocr.sh 3

# The harnesses need the modules of both programs and the shipped table.
FUZZ_DEPS := $(INDEXER_MODS:%.c=$(BUILD)/%.o) \
	$(GEN_INST:.c=.o) $(LIBSTL)

$(BUILD)/tests/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/driver.o \
		$(FUZZ_DEPS)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS)

# The readers' harness links stlextract's modules instead.
$(BUILD)/tests/fuzz/fuzz_extract.o: ALL_CPPFLAGS += $(EXTRACT_CFLAGS) -Iextractor
$(BUILD)/tests/fuzz/fuzz_extract: $(BUILD)/tests/fuzz/fuzz_extract.o \
		$(BUILD)/tests/fuzz/driver.o $(EXTRACTOR_MODS:%.c=$(BUILD)/%.o) $(LIBSTL)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(LIB_LIBS) $(EXTRACT_LIBS)

$(BUILD)/fuzzers/fuzz_extract: $(BUILD)/tests/fuzz/fuzz_extract.o \
		$(EXTRACTOR_MODS:%.c=$(BUILD)/%.o) $(LIBSTL)
	@mkdir -p $(@D)
	$(CXX) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIB_LIBS) $(EXTRACT_LIBS)

# Only meaningful in the fuzz build (SANITIZE has fuzzer-no-link, CC=clang).
$(BUILD)/fuzzers/%: $(BUILD)/tests/fuzz/%.o $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(CXX) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIB_LIBS)

# LD_PRELOAD shims the end-to-end tests use (tests/tools/preload/*.c):
# never with sanitizers, which must come first in a process.
$(BUILD)/tests/tools/%.so: tests/tools/preload/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -std=c11 $(CWARNINGS) $(WERROR) $(CFLAGS) -fPIC \
		-shared -o $@ $< -ldl

# ---- set-up, tests, demo -----------------------------------------------------
deps:
	scripts/install-deps check

# Everything CI runs (.ci/run): the suites, then again under ASan + UBSan +
# LSan, the CLI tests under valgrind, and each fuzzer briefly. Valgrind
# runs one thread and a test mostly one process at a time, so the second
# half runs two jobs at once: the ASan pass and the fuzzers in one, each
# valgrind test a job of its own (longest first), on whichever core is
# free; each job's output is printed whole when it ends.
check: deps
	$(MAKE) --no-print-directory check-unit check-e2e check-replay check-install
	$(MAKE) --no-print-directory -j2 --output-sync=target check-asan-fuzz \
		check-valgrind

check-asan-fuzz:
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory check-fuzz

# make install PREFIX=... puts the programs in PREFIX/bin and the man pages
# in PREFIX/share/man/man1; uninstall takes them away again.
check-install: all
	@echo "== install"
	@p=$(abspath $(BUILD))/install-test; rm -rf $$p; \
	$(MAKE) --no-print-directory -s install PREFIX=$$p >/dev/null && \
	test -x $$p/bin/stlindex && test -x $$p/bin/stlsearch && \
	test -x $$p/libexec/stlsearch/stlextract && \
	test -f $$p/share/man/man1/stlindex.1 && \
	test -f $$p/share/man/man1/stlsearch.1 && \
	$$p/bin/stlsearch --help | grep -q institucion: && \
	$(MAKE) --no-print-directory -s uninstall PREFIX=$$p && \
	test ! -e $$p/bin/stlindex && test ! -e $$p/share/man/man1/stlsearch.1 && \
	rm -rf $$p && echo "1 passed, 0 failed" || { echo "install: FAILED"; exit 1; }

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; \
		STL_TEST_DATA=tests/data $$t; done

check-e2e: $(PROGRAMS) $(HELPERS) $(TOOL_BINS) $(PRELOAD_LIBS) $(BUILD)/bench/gen
	@set -e; for t in $(E2E_TESTS); do echo "== $$t"; s=$$(date +%s); \
		STL_BUILD=$(abspath $(BUILD)) sh $$t; \
		echo "   ($$(($$(date +%s) - s)) s)"; done

demo: deps
	$(MAKE) --no-print-directory all
	@if [ -x $(BUILD)/stlindex ] && [ -x $(BUILD)/stlsearch ]; then \
		rm -rf $(BUILD)/demo-index; \
		$(BUILD)/stlindex --db $(BUILD)/demo-index corpus && \
		$(BUILD)/stlsearch --db $(BUILD)/demo-index "hoja de ruta"; \
	else \
		echo "demo: stlindex and stlsearch are not built yet"; \
	fi

# A sanitizer report makes the program exit 99, which no test expects.
SAN_ENV := ASAN_OPTIONS=exitcode=99:detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:exitcode=99:print_stacktrace=1 \
	LSAN_OPTIONS=exitcode=99

# The kill test is smaller there: kills find no memory errors, the runs do.
asan:
	$(SAN_ENV) STL_KILL_FILES=120 STL_KILL_ROUNDS=12 STL_KILL_OFFICE=4 \
		STL_KILL_OFFICE_ROUNDS=4 \
		$(MAKE) --no-print-directory SANITIZE=address,undefined \
		BUILD=build/asan check-unit check-e2e check-replay

# The CLI tests once under memcheck: any error or definite leak exits 99,
# which no test expects. The kill and concurrency tests are left out:
# they are about timing, and memcheck is 50 times slower; so is gen.sh,
# which tests the bench generator and indexes what it wrote as index.sh
# does, 300 files over.
VALGRIND := valgrind --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite -q
VALGRIND_SLOW := tests/e2e/index.sh tests/e2e/search.sh tests/e2e/queries.sh \
	tests/e2e/hostile.sh
VALGRIND_E2E := $(VALGRIND_SLOW) $(filter-out $(VALGRIND_SLOW) \
	tests/e2e/kill.sh tests/e2e/concurrency.sh tests/e2e/gen.sh,$(E2E_TESTS))
VALGRIND_RUNS := $(VALGRIND_E2E:tests/e2e/%.sh=valgrind-run/%)
.PHONY: check-asan-fuzz $(VALGRIND_RUNS)

check-valgrind: $(VALGRIND_RUNS)

$(VALGRIND_RUNS): valgrind-run/%: $(PROGRAMS) $(HELPERS) $(TOOL_BINS) \
		$(PRELOAD_LIBS)
	@echo "== valgrind tests/e2e/$*.sh"; s=$$(date +%s); \
	STL_WRAP="$(VALGRIND)" STL_BUILD=$(abspath $(BUILD)) sh tests/e2e/$*.sh; \
	echo "   ($$(($$(date +%s) - s)) s)"

# Every harness replays its seeds and the crashers kept from fuzzing.
FUZZ_TEXT_SEEDS := tests/fuzz/texts corpus tests/data/minutes tests/data/search
# The LibreOffice fixtures, not the zip bomb (each run would inflate it).
FUZZ_OFFICE_SEEDS := tests/fuzz/office

check-replay: $(FUZZ_REPLAY)
	@set -e; for t in $(FUZZ_NAMES); do echo "== replay $$t"; \
		case $$t in fuzz_query) seeds="tests/fuzz/queries" ;; \
		fuzz_extract) seeds="$(FUZZ_OFFICE_SEEDS)" ;; \
		*) seeds="$(FUZZ_TEXT_SEEDS)" ;; esac; \
		[ -d tests/fuzz/crashers/$$t ] && seeds="$$seeds tests/fuzz/crashers/$$t"; \
		$(BUILD)/tests/fuzz/$$t $$seeds; done

# libFuzzer: clang from Debian, with ASan + UBSan (leaks found too).
# make fuzz runs each harness FUZZ_TIME seconds; check-fuzz briefly (CI).
# New inputs go to build/fuzz/corpus/NAME, findings to build/fuzz/NAME-*;
# keep a finding as tests/fuzz/crashers/NAME/<what-it-was> once fixed.
FUZZ_TIME ?= 300
FUZZ_CI_TIME ?= 10
FUZZ_BUILD := build/fuzz
FUZZ_MAKE = $(MAKE) --no-print-directory CC=clang CXX=clang++ \
	SANITIZE=fuzzer-no-link,address,undefined BUILD=$(FUZZ_BUILD)
FUZZ_OPTS := -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1

fuzzers: $(FUZZERS)

run-fuzz:
	@set -e; for t in $(FUZZ_NAMES); do echo "== fuzz $$t ($(FUZZ_TIME) s)"; \
		mkdir -p $(BUILD)/corpus/$$t; \
		case $$t in fuzz_query) seeds="tests/fuzz/queries" ;; \
		fuzz_extract) seeds="$(FUZZ_OFFICE_SEEDS)" ;; \
		*) seeds="$(FUZZ_TEXT_SEEDS)" ;; esac; \
		[ -d tests/fuzz/crashers/$$t ] && seeds="$$seeds tests/fuzz/crashers/$$t"; \
		$(SAN_ENV) $(BUILD)/fuzzers/$$t $(FUZZ_OPTS) \
			-max_total_time=$(FUZZ_TIME) -artifact_prefix=$(BUILD)/$$t- \
			$(BUILD)/corpus/$$t $$seeds 2>$(BUILD)/$$t.log || \
			{ tail -n 60 $(BUILD)/$$t.log; exit 1; }; \
		grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|^stat::peak_rss' \
			$(BUILD)/$$t.log; done

fuzz:
	$(FUZZ_MAKE) fuzzers
	$(FUZZ_MAKE) run-fuzz FUZZ_TIME=$(FUZZ_TIME)

check-fuzz:
	$(FUZZ_MAKE) fuzzers
	$(FUZZ_MAKE) run-fuzz FUZZ_TIME=$(FUZZ_CI_TIME)

# ---- install -------------------------------------------------------------------
install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR)
	$(if $(PROGRAMS),$(INSTALL) -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/)
	$(if $(HELPERS),$(INSTALL) -d $(DESTDIR)$(LIBEXECDIR))
	$(if $(HELPERS),$(INSTALL) -m 755 $(HELPERS) $(DESTDIR)$(LIBEXECDIR)/)
	$(if $(MANPAGES),$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1)
	$(if $(MANPAGES),$(INSTALL) -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/stlindex $(DESTDIR)$(BINDIR)/stlsearch
	rm -f $(DESTDIR)$(LIBEXECDIR)/stlextract
	-rmdir $(DESTDIR)$(LIBEXECDIR) 2>/dev/null
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MANPAGES)))

clean:
	rm -rf build

-include $(ALL_OBJS:.o=.d)
