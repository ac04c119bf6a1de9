# annex - build, run and test.  See README.md.
#
#   make run     install missing Debian packages, build, typeset input/
#   make check   the same set-up, then every test
#   make         just build build/annex
#
# Objects go to build/ (release) or build/asan/ (ASan+UBSan, used by the
# tests).  Every .c under src/ except src/main.c forms the library that the
# tool and the unit tests link.

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Wpedantic -Werror
CFLAGS  ?= -O2 -g
INC     := -I/usr/include/iniparser
LIBS    := -lhpdf -lcsv -liniparser -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
TESTS   := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

REL_OBJ := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC))
SAN_OBJ := $(patsubst src/%.c,build/asan/%.o,$(LIB_SRC))

.PHONY: all deps run check unit e2e clean format bench
all: build/annex

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

run: deps build/annex
	./build/annex build input
	./build/annex build -t templates/relazione.ini input
	@ls -l output/

unit: $(addprefix build/asan/tests/,$(TESTS))
	@fail=0; for t in $(TESTS); do \
		echo "== $$t"; build/asan/tests/$$t || fail=1; \
	done; exit $$fail

e2e: build/annex build/asan/annex
	@sh tests/e2e/run.sh

check: deps
	@$(MAKE) --no-print-directory unit e2e

# Benchmark tools: the plan generator and the libharu floor.
build/genplan: tools/genplan.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

build/floor: bench/floor.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $< -lhpdf

bench: deps build/annex build/genplan build/floor
	@sh bench/run.sh

format:
	clang-format -i $(wildcard src/*.[ch] src/*/*.[ch] tests/unit/*.[ch])

clean:
	rm -rf build
