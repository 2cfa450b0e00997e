# Benchmarks: `make bench` (not part of `make check`); see BENCHMARKS.md.
# BENCH_N, BENCH_REPS, BENCH_BIG, BENCH_ONLY ... tune it (bench/run.sh).
EXTRA_DIST += bench/run.sh bench/gen-corpus bench/nbbench.py bench/nofsync.c \
	bench/instr.sh bench/floor-text.c bench/floor-markup.c bench/floor-pdf.c \
	bench/history.sh bench/gen-history bench/store-drain.sh \
	bench/inotify-pipeline.sh bench/reader-cost.sh bench/coldstart.sh \
	bench/drain-vs-cli.sh bench/drain-instr.sh bench/groupsync.c \
	bench/nothread.c bench/same-output.sh \
	BENCHMARKS.md

.PHONY: bench
bench: all
	NB_SRCDIR='$(abs_top_srcdir)' NB_BUILDDIR='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/run.sh

# The history store's copy detection (not in `make bench`: it fills a
# store of BENCH_HN=10000 reports first).
.PHONY: bench-history
bench-history: all
	NB_SRCDIR='$(abs_top_srcdir)' NB_BUILDDIR='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/history.sh

# A scanned page against the tesseract command on the same image (not in
# `make bench`: minutes of Tesseract).  BENCH_REPS runs of each.
EXTRA_DIST += bench/ocr.py
.PHONY: bench-ocr
bench-ocr: all
	python3 $(srcdir)/bench/ocr.py '$(abs_top_srcdir)' '$(abs_top_builddir)' \
	    bench-results $${BENCH_REPS:-3}

# Instruction counts against the floor programs (callgrind; BENCHMARKS.md
# section 0): repeatable whatever the load.
.PHONY: bench-instr
bench-instr: all
	NB_SRCDIR='$(abs_top_srcdir)' NB_BUILDDIR='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/instr.sh

# The text reader of issue 8 against the reader before it (callgrind,
# BENCHMARKS.md section 7).  NB_OLD_BUILDDIR=DIR uses a built old tree;
# otherwise OLD (94b8108) is checked out with git worktree and built.
.PHONY: bench-reader
bench-reader: all
	NB_SRCDIR='$(abs_top_srcdir)' NB_BUILDDIR='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/reader-cost.sh

# A one-file text check as its own process against the floor program as
# its own process (BENCHMARKS.md section 0, "One file, cold"):
# instructions and CPU time, BENCH_ROUNDS interleaved rounds.
.PHONY: bench-cold
bench-cold: all
	NB_SRCDIR='$(abs_top_srcdir)' NB_BUILDDIR='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/coldstart.sh
