# valsheet: one non-recursive Makefile. Out-of-tree build in $(BUILD):
# gen/ (re2c and Lemon output), obj/, bin/. `make check SAN=1` builds a
# separate tree under build/san with AddressSanitizer + UBSan.

CC      ?= cc
SAN     ?=
V       ?=
BUILD   ?= build$(if $(SAN),/san)

Q := $(if $(V),,@)

PKG_CFLAGS := $(shell pkg-config --cflags xlsxwriter 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wundef -Werror
comma := ,
SANFLAGS := $(if $(SAN),-fsanitize=address$(comma)undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
OPT     ?= -O2
CFLAGS  ?= -g $(OPT)
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(CFLAGS) $(WARN) $(SANFLAGS) \
              -Iengine -Istdlib -Igrammar -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
GEN_CFLAGS := -Wno-unused-parameter -Wno-unused-variable -Wno-unused-but-set-variable \
              -Wno-missing-prototypes -Wno-shadow
LDLIBS  := $(PKG_LIBS) -lm -pthread $(SANFLAGS)

ENGINE_SRC := $(filter-out engine/cli.c engine/cli_watch.c,$(wildcard engine/*.c))
STDLIB_SRC := $(wildcard stdlib/*.c)
GEN_SRC    := $(BUILD)/gen/lex.c $(BUILD)/gen/sheet.c
LIB_OBJ    := $(ENGINE_SRC:%.c=$(BUILD)/obj/%.o) $(STDLIB_SRC:%.c=$(BUILD)/obj/%.o) \
              $(BUILD)/obj/gen/lex.o $(BUILD)/obj/gen/sheet.o
LIB        := $(BUILD)/lib/libvalsheet.a
BIN        := $(BUILD)/bin/valsheet
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/bin/%)
FORMULA_RUNNER := $(BUILD)/bin/run_formulas

.PHONY: all check demo bench fuzz fuzz-run fuzz-corpus docs golden-update check-headers install clean deps FORCE
all: $(BIN) $(LIB)

# Objects depend on the compiler and flags used, so `make CC=clang` after a
# gcc build rebuilds everything instead of linking a mix.
FLAGS_STAMP := $(BUILD)/flags
$(FLAGS_STAMP): FORCE
	@mkdir -p $(BUILD)
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@

$(BUILD)/gen/lex.c: grammar/lex.re | $(BUILD)/gen/
	@echo "  RE2C  $<"
	$(Q)re2c -W -Werror --no-generation-date --no-version -o $@ $<

$(BUILD)/gen/sheet.c $(BUILD)/gen/sheet.h &: grammar/sheet.y | $(BUILD)/gen/
	@echo "  LEMON $<"
	$(Q)cp grammar/sheet.y $(BUILD)/gen/sheet.y
	$(Q)lemon -q -s -d$(BUILD)/gen $(BUILD)/gen/sheet.y >/dev/null
	$(Q)rm -f $(BUILD)/gen/sheet.y

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/sheet.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c $(FLAGS_STAMP) | $(BUILD)/gen/sheet.h
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  AR    $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(BUILD)/obj/engine/cli.o $(BUILD)/obj/engine/cli_watch.o $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/test_%: $(BUILD)/obj/tests/unit/test_%.o $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS)

$(FORMULA_RUNNER): $(BUILD)/obj/tests/formulas/run_formulas.o $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS)

%/:
	@mkdir -p $@

# Installs missing Debian packages when root; otherwise prints the command.
deps:
	$(Q)tests/deps.sh

check: deps
	$(Q)$(MAKE) --no-print-directory all $(UNIT_BIN) $(FORMULA_RUNNER)
	$(Q)BUILD=$(BUILD) SAN=$(SAN) VALGRIND=$(VALGRIND) tests/run.sh

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(BIN) build examples/licensing.vsheet -o build/licensing.xlsx
	$(Q)echo "wrote build/licensing.xlsx"
	$(Q)$(BIN) eval examples/licensing.vsheet --outputs

# The benchmark of issue 5 (not part of check): bench/README.md.
# BENCH_SIZES=10k,100k and BENCH_REPS=N narrow it; BENCH_SMOKE=1 runs the
# 10k model once without peers.
bench: all
	$(Q)BENCH_SMOKE="$(BENCH_SMOKE)" BENCH_SIZES="$(BENCH_SIZES)" BENCH_REPS="$(BENCH_REPS)" \
	    $(firstword $(wildcard /usr/bin/python3) python3) bench/run.py --valsheet $(BIN)

# docs/functions.md is generated from the function table.
docs: all
	$(Q)$(BIN) functions --format markdown > docs/functions.md
	$(Q)echo "wrote docs/functions.md"

golden-update: all
	$(Q)BUILD=$(BUILD) tests/golden-update.sh

check-headers:
	$(Q)for h in engine/*.h stdlib/*.h grammar/*.h; do \
	  echo "#include \"$$(basename $$h)\"" | $(CC) $(ALL_CFLAGS) -MF /dev/null -x c -fsyntax-only - || exit 1; \
	done; echo "headers self-contained"

# ---- install (issue 8): the binary, the static and the shared library,
# the public header, valsheet.pc and the man pages, under DESTDIR/PREFIX.
# The shared library is built from a second, position-independent set of
# objects ($(BUILD)/pic) so the static build stays as it was; it exports
# only the vs_* API (engine/libvalsheet.map).
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
VS_VERSION := $(shell sed -n 's/^\#define VS_VERSION "\(.*\)"/\1/p' engine/valsheet.h)
SONAME     := libvalsheet.so.$(firstword $(subst ., ,$(VS_VERSION)))
SOLIB      := $(BUILD)/lib/libvalsheet.so.$(VS_VERSION)
PIC_OBJ    := $(LIB_OBJ:$(BUILD)/obj/%=$(BUILD)/pic/%)
PC_FILE    := $(BUILD)/valsheet.pc
MAN_PAGES  := man/valsheet.1 man/valsheet.5

.PHONY: shared uninstall
shared: $(SOLIB)

$(BUILD)/pic/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/sheet.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC    $< (pic)"
	$(Q)$(CC) $(ALL_CFLAGS) $(GEN_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/pic/%.o: %.c $(FLAGS_STAMP) | $(BUILD)/gen/sheet.h
	@mkdir -p $(dir $@)
	@echo "  CC    $< (pic)"
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(SOLIB): $(PIC_OBJ) engine/libvalsheet.map
	@mkdir -p $(dir $@)
	@echo "  SO    $@"
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=engine/libvalsheet.map \
	    -o $@ $(PIC_OBJ) $(LDLIBS)

# Written at install time: it names the directories of this install.
$(PC_FILE): FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	    'Name: valsheet' \
	    'Description: spreadsheet engine: .vsheet text models to .xlsx workbooks' \
	    'Version: $(VS_VERSION)' \
	    'Cflags: -I$${includedir}' \
	    'Libs: -L$${libdir} -lvalsheet' \
	    'Libs.private: $(PKG_LIBS) -lm -pthread' > $@

install: all $(SOLIB) $(PC_FILE)
	install -D -m 755 $(BIN) $(DESTDIR)$(BINDIR)/valsheet
	install -D -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libvalsheet.a
	install -D -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/libvalsheet.so.$(VS_VERSION)
	ln -sf libvalsheet.so.$(VS_VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvalsheet.so
	install -D -m 644 engine/valsheet.h $(DESTDIR)$(INCLUDEDIR)/valsheet.h
	install -D -m 644 $(PC_FILE) $(DESTDIR)$(PKGCONFIGDIR)/valsheet.pc
	install -D -m 644 man/valsheet.1 $(DESTDIR)$(MANDIR)/man1/valsheet.1
	install -D -m 644 man/valsheet.5 $(DESTDIR)$(MANDIR)/man5/valsheet.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/valsheet $(DESTDIR)$(LIBDIR)/libvalsheet.a \
	    $(DESTDIR)$(LIBDIR)/libvalsheet.so.$(VS_VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libvalsheet.so $(DESTDIR)$(INCLUDEDIR)/valsheet.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/valsheet.pc $(DESTDIR)$(MANDIR)/man1/valsheet.1 \
	    $(DESTDIR)$(MANDIR)/man5/valsheet.5

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# libFuzzer targets (clang): tests/fuzz/fuzz_<t>.c for the parser, the
# evaluator, the exporter and the --set parser. `make fuzz` builds them and
# replays the corpus (examples, error tests, committed regressions) once;
# `make fuzz-run SECONDS=N` runs each target for N seconds.
FUZZ_TARGETS := parse eval export set
FUZZ_BUILD := build/fuzz
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -g -O1
SECONDS ?= 60
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c FORCE
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	    -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" $(FUZZ_BUILD)/lib/libvalsheet.a
	$(Q)clang $(FUZZ_FLAGS) -Iengine -o $@ $< $(FUZZ_BUILD)/lib/libvalsheet.a $(PKG_LIBS) -lm -pthread

fuzz-corpus:
	$(Q)for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus_$$t; \
	  cp examples/*.vsheet tests/errors/*.vsheet tests/fuzz/corpus/* $(FUZZ_BUILD)/corpus_$$t/ 2>/dev/null; \
	done; true

fuzz: $(FUZZ_BINS) fuzz-corpus
	$(Q)for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_BUILD)/fuzz_$$t -runs=0 -timeout=30 $(FUZZ_BUILD)/corpus_$$t > $(FUZZ_BUILD)/replay_$$t.log 2>&1 \
	    || { tail -30 $(FUZZ_BUILD)/replay_$$t.log; exit 1; }; \
	  echo "fuzz_$$t: corpus replayed"; \
	done

fuzz-run: $(FUZZ_BINS) fuzz-corpus
	$(Q)for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(SECONDS) -max_len=4096 -timeout=30 \
	    -rss_limit_mb=2048 -dict=tests/fuzz/vsheet.dict -artifact_prefix=$(FUZZ_BUILD)/crash_$$t- \
	    $(FUZZ_BUILD)/corpus_$$t > $(FUZZ_BUILD)/run_$$t.log 2>&1 \
	    || { tail -40 $(FUZZ_BUILD)/run_$$t.log; exit 1; }; \
	  tail -1 $(FUZZ_BUILD)/run_$$t.log | sed "s/^/fuzz_$$t: /"; \
	done
