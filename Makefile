# annex - build, run and test.  See README.md.
#
#   make run     install missing Debian packages, build, typeset input/
#   make check   the same set-up, then every test, CHECK_JOBS at a time
#                (default: the number of cores; see tests/check.sh)
#   make         just build build/annex (and the message catalogues)
#   make install PREFIX=/usr/local DESTDIR=    and    make uninstall
#   make po      refresh po/annex.pot and merge it into po/*.po
#
# Objects go to build/ (release) or build/asan/ (ASan+UBSan, used by the
# tests).  Every .c under src/ except src/main.c forms the library that the
# tool and the unit tests link.

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Wpedantic -Werror
CFLAGS  ?= -O2 -g
# Workbooks (issue 17): libzip and expat read .xlsx and .ods, libxlsxwriter
# writes .xlsx.  annex is not linked with them: src/data/wblib.c opens
# them when a workbook is first read or written, by the sonames read here
# from the libraries installed (its defaults are Debian 12's).  Recursive
# (=) so that pkg-config and objdump run after `deps`.
WB_PKGS := libzip expat xlsxwriter
INC      = $(shell pkg-config --cflags $(WB_PKGS) 2>/dev/null)
LIBS     = -pthread -lhpdf -ldeflate -lpng -lcsv -lhyphen -lm -ldl
wb_so    = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" \
             2>/dev/null | awk '/SONAME/ {print $$2}')
wb_def   = $(if $(call wb_so,$(1)),-D$(2)='"$(call wb_so,$(1))"')
%wblib.o: INC += $(call wb_def,zip,WB_ZIP_SO) \
                 $(call wb_def,expat,WB_EXPAT_SO) \
                 $(call wb_def,xlsxwriter,WB_XLSX_SO)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
TESTS   := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

REL_OBJ := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC))
SAN_OBJ := $(patsubst src/%.c,build/asan/%.o,$(LIB_SRC))

.PHONY: all deps run check unit e2e clean format bench readme-keys \
	check-includes
all: build/annex mo

deps:
	@sh scripts/deps.sh

build/obj/%.o: src/%.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "CC    $<"
	@$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) -c $< -o $@

build/asan/%.o: src/%.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "CC    $< (asan)"
	@$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(INC) -c $< -o $@

build/annex: build/obj/main.o $(REL_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/asan/annex: build/asan/main.o $(SAN_OBJ)
	$(CC) -g $(SAN) -o $@ $^ $(LIBS)

build/asan/tests/%: tests/unit/%.c $(SAN_OBJ) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	@echo "LINK  $@"
	@$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(INC) -Isrc -o $@ $< $(SAN_OBJ) \
		$(LIBS) $$(pkg-config --libs cmocka)

run: deps build/annex mo
	./build/annex build input
	./build/annex build -t templates/relazione.ini input
	@ls -l output/

# Tests run side by side through tests/check.sh (one line per test
# program, the failures in full, then "N passed, M failed"; every
# program's output in build/check/NAME.log).
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
UNIT_BIN   := $(addprefix build/asan/tests/,$(TESTS))
FUZZ_BIN    = $(addprefix build/asan/fuzz/,$(FUZZERS))
E2E        := $(sort $(wildcard tests/e2e/t_*.sh))
E2E_NEEDS  := build/annex build/asan/annex build/genplan mo

unit: $(UNIT_BIN)
	@CHECK_JOBS=$(CHECK_JOBS) sh tests/check.sh $(UNIT_BIN)

e2e: $(E2E_NEEDS)
	@CHECK_JOBS=$(CHECK_JOBS) sh tests/check.sh $(E2E)

# Build everything with -j, then run every test program at once.
check: deps
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) $(E2E_NEEDS) $(UNIT_BIN) $(FUZZ_BIN)
	@$(MAKE) --no-print-directory check-includes
	@CHECK_JOBS=$(CHECK_JOBS) sh tests/check.sh $(UNIT_BIN) $(FUZZ_BIN) $(E2E)

# No folder of src/ includes one above it, no include cycle (the layers
# are listed in scripts/check-includes.py and README.md, "Architecture").
check-includes:
	@python3 scripts/check-includes.py && echo "include graph: layers kept, no cycle"

# Benchmark tools: the plan generator and the libharu floor.
build/genplan: tools/genplan.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

build/floor: bench/floor.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $< -lhpdf

build/deflate: bench/deflate.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $< -ldeflate -lz

# Not part of check: it takes minutes and its numbers are for reading.
bench: deps build/annex build/genplan build/floor build/deflate
	@sh bench/run.sh

# The README's template reference, from `annex template-keys --markdown`
# (make check fails when it is out of date).
readme-keys: build/annex
	sh scripts/readme-keys.sh build/annex

format:
	clang-format -i $(wildcard src/*.[ch] src/*/*.[ch] tests/unit/*.[ch])

clean:
	rm -rf build

# ---- errors, limits and fuzzing (issue 5) -------------------------------
# Harnesses in tests/fuzz/ (see README.md, "Errors, limits and fuzzing").
#
#   make fuzz          build the libFuzzer harnesses with clang and run each
#                      for FUZZ_SECONDS (default 60), with the dictionary
#                      tests/fuzz/NAME.dict if there is one; new inputs go
#                      to build/fuzz/corpus/NAME, crashes to build/fuzz/
#                      (one harness: make fuzz FUZZERS=fuzz_build)
#   make fuzz-replay   replay every tests/fuzz/corpus/NAME under ASan+UBSan
#                      with $(CC) and tests/fuzz/replay.c (no clang needed);
#                      `make check` runs these replays too

FUZZERS      := fuzz_csv fuzz_ini fuzz_load fuzz_target fuzz_build fuzz_workbook
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC))

.PHONY: fuzz fuzz-replay fuzz-clang
# Keep the instrumented objects between runs of single harnesses.
.SECONDARY: $(FUZZ_OBJ)

fuzz-clang:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
		echo "fuzz: needs clang with libFuzzer (Debian: apt-get install clang)" >&2; \
		exit 1; }

# The library with coverage for libFuzzer; no -Werror: clang's warnings
# differ from gcc's, and these objects are only for fuzzing.
build/fuzz/obj/%.o: src/%.c $(wildcard src/*.h src/*/*.h) | fuzz-clang
	@mkdir -p $(dir $@)
	@echo "CC    $< (fuzz)"
	@$(FUZZ_CC) $(CSTD) -Wall -Wextra -O1 -g \
		-fsanitize=fuzzer-no-link $(FUZZ_SAN) $(INC) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) | fuzz-clang
	$(FUZZ_CC) $(CSTD) $(WARN) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) \
		$(INC) -Isrc -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(addprefix build/fuzz/,$(FUZZERS))
	@mkdir -p build/fuzz/artifacts
	@for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus/$$f; \
		echo "== $$f for $(FUZZ_SECONDS) s"; \
		build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=build/fuzz/artifacts/$$f- \
			$$([ -f tests/fuzz/$$f.dict ] && echo -dict=tests/fuzz/$$f.dict) \
			build/fuzz/corpus/$$f tests/fuzz/corpus/$$f \
			|| exit 1; \
	done

# The same harnesses without libFuzzer, on the ASan+UBSan library (after
# deps, also under make -j).
build/asan/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(SAN_OBJ) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(INC) -Isrc -o $@ $< \
		tests/fuzz/replay.c $(SAN_OBJ) $(LIBS)

fuzz-replay: $(FUZZ_BIN)
	@CHECK_JOBS=$(CHECK_JOBS) sh tests/check.sh $(FUZZ_BIN)

# ---- end of errors, limits and fuzzing ------------------------------------

# ---- messages, installation (issue 18) ----------------------------------
# Messages are translated with gettext: po/LANG.po (Italian: po/it.po)
# compiled by msgfmt into build/locale/LANG/LC_MESSAGES/annex.mo, where the
# binary of the source tree finds them.  `make po` extracts the messages
# (diagnostics through their functions' format argument, the rest through
# _() and N_()) into po/annex.pot and merges it into every po/LANG.po.

LINGUAS  := $(basename $(notdir $(wildcard po/*.po)))
MO       := $(patsubst %,build/locale/%/LC_MESSAGES/annex.mo,$(LINGUAS))
XGETTEXT := xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
	--package-name=annex --msgid-bugs-address= --sort-by-file \
	-k_ -kN_ -kdngettext:2,3 -kdiag_error:4 -kdiag_warning:4 -kdiag_report:5 \
	-kerr_at:5 -kwarn_at:5 -kwb_cell_error:3 -ktk_bad:4 -krange_text:3 \
	--flag=err_at:5:c-format \
	--flag=warn_at:5:c-format --flag=wb_cell_error:3:c-format \
	--flag=diag_error:4:c-format --flag=diag_warning:4:c-format \
	--flag=diag_report:5:c-format --flag=dngettext:2:c-format \
	--flag=dngettext:3:c-format

.PHONY: mo po po-status install uninstall
mo: $(MO)

build/locale/%/LC_MESSAGES/annex.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "MSGFMT $<"
	@msgfmt --check -o $@ $<

po:
	$(XGETTEXT) -o po/annex.pot $$(ls src/*.c src/*/*.c | LC_ALL=C sort)
	@for l in $(LINGUAS); do msgmerge -q --update --backup=none po/$$l.po po/annex.pot; done

# How complete each catalogue is against the sources (no file changed).
po-status:
	@mkdir -p build/po
	@$(XGETTEXT) -o build/po/annex.pot $$(ls src/*.c src/*/*.c | LC_ALL=C sort) 2>/dev/null
	@for l in $(LINGUAS); do msgmerge -q po/$$l.po build/po/annex.pot -o build/po/$$l.po && \
		printf '%s: ' $$l && msgfmt --statistics -o /dev/null build/po/$$l.po 2>&1; done

PREFIX  ?= /usr/local
DESTDIR ?=
I_BIN   := $(DESTDIR)$(PREFIX)/bin
I_DATA  := $(DESTDIR)$(PREFIX)/share/annex
I_MAN   := $(DESTDIR)$(PREFIX)/share/man
I_LOC   := $(DESTDIR)$(PREFIX)/share/locale

# The binary finds its data as ../share/annex from its own folder.
install: build/annex mo
	install -d $(I_BIN) $(I_DATA)/templates $(I_DATA)/fonts $(I_MAN)/man1 $(I_MAN)/it/man1
	install -m 755 build/annex $(I_BIN)/annex
	cp -R templates/. $(I_DATA)/templates/
	cp -R fonts/. $(I_DATA)/fonts/
	install -d $(I_DATA)/input
	cp -R input/. $(I_DATA)/input/
	install -m 644 man/annex.1 $(I_MAN)/man1/annex.1
	install -m 644 man/it/annex.1 $(I_MAN)/it/man1/annex.1
	@for l in $(LINGUAS); do \
		install -d $(I_LOC)/$$l/LC_MESSAGES && \
		install -m 644 build/locale/$$l/LC_MESSAGES/annex.mo $(I_LOC)/$$l/LC_MESSAGES/annex.mo || exit 1; \
		echo "install $(I_LOC)/$$l/LC_MESSAGES/annex.mo"; \
	done

uninstall:
	rm -f $(I_BIN)/annex $(I_MAN)/man1/annex.1 $(I_MAN)/it/man1/annex.1
	rm -rf $(I_DATA)
	@for l in $(LINGUAS); do rm -f $(I_LOC)/$$l/LC_MESSAGES/annex.mo; done
