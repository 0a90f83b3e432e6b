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
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN) $(SANFLAGS) \
              -Iengine -Istdlib -Igrammar -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
GEN_CFLAGS := -Wno-unused-parameter -Wno-unused-variable -Wno-unused-but-set-variable \
              -Wno-missing-prototypes -Wno-shadow
LDLIBS  := $(PKG_LIBS) -lm $(SANFLAGS)

ENGINE_SRC := $(filter-out engine/cli.c,$(wildcard engine/*.c))
STDLIB_SRC := $(wildcard stdlib/*.c)
GEN_SRC    := $(BUILD)/gen/lex.c $(BUILD)/gen/sheet.c
LIB_OBJ    := $(ENGINE_SRC:%.c=$(BUILD)/obj/%.o) $(STDLIB_SRC:%.c=$(BUILD)/obj/%.o) \
              $(BUILD)/obj/gen/lex.o $(BUILD)/obj/gen/sheet.o
LIB        := $(BUILD)/lib/libvalsheet.a
BIN        := $(BUILD)/bin/valsheet
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/bin/%)
FORMULA_RUNNER := $(BUILD)/bin/run_formulas

.PHONY: all check demo bench fuzz docs golden-update check-headers install clean deps FORCE
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

$(BIN): $(BUILD)/obj/engine/cli.o $(LIB)
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

install: all
	install -D -m 755 $(BIN) $(DESTDIR)$(or $(PREFIX),/usr/local)/bin/valsheet

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# libFuzzer targets (clang). `make fuzz` builds them and runs each for
# FUZZ_SECONDS on a corpus seeded from examples/ and tests/errors/;
# `make fuzz FUZZ_SECONDS=0` only replays the corpus (what CI can afford).
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build/fuzz
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -g -O1
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined" $(FUZZ_BUILD)/lib/libvalsheet.a
	$(Q)for t in parse eval; do \
	  clang $(FUZZ_FLAGS) -Iengine -o $(FUZZ_BUILD)/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	    $(FUZZ_BUILD)/lib/libvalsheet.a $(PKG_LIBS) -lm || exit 1; \
	  mkdir -p $(FUZZ_BUILD)/corpus_$$t; \
	  cp examples/*.vsheet tests/errors/*.vsheet tests/fuzz/corpus/* $(FUZZ_BUILD)/corpus_$$t/ 2>/dev/null; \
	  if [ "$(FUZZ_SECONDS)" = 0 ]; then \
	    $(FUZZ_BUILD)/fuzz_$$t -runs=0 $(FUZZ_BUILD)/corpus_$$t || exit 1; \
	  else \
	    $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	      -timeout=5 $(FUZZ_BUILD)/corpus_$$t || exit 1; \
	  fi; \
	done
