# Tests: each part of the tree adds its own fragment.  Every test finds
# the source tree (data, rules) in $NB_SRCDIR and the build tree (plugins,
# programs) in $NB_BUILDDIR, so out-of-tree builds and distcheck work.
# fontconfig keeps its font cache for the life of a process that read a
# PDF: LeakSanitizer is told so once, for every test.
AM_TESTS_ENVIRONMENT = NB_SRCDIR='$(abs_top_srcdir)'; \
	NB_BUILDDIR='$(abs_top_builddir)'; export NB_SRCDIR NB_BUILDDIR; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/ingest/lsan.supp:print_suppressions=0'; \
	export LSAN_OPTIONS;
EXTRA_DIST += tests/run-all.sh tests/valgrind.sh tests/common.sh \
	tests/data/sample-000.txt \
	tests/data/sample-001.txt tests/data/sample-002.txt \
	tests/data/sample-003.txt tests/data/sample-004.txt \
	nianbao-plugin.pc.in
include tests/host.mk
include tests/lib.mk
include tests/plugins.mk
include tests/daemon.mk
include tests/ingest.mk
include tests/store.mk
include tests/board.mk
include tests/layouts.mk
include tests/ocr.mk

# What `make install` puts down (paths, docs), and run-all.sh's handling of
# a build configured in the source tree.
TESTS += tests/test-install.sh tests/test-runall.sh tests/test-memory.sh \
	tests/test-gitignore.sh tests/test-sdk.sh
EXTRA_DIST += tests/test-install.sh tests/test-runall.sh tests/test-memory.sh \
	tests/test-sdk.sh \
	tests/test-gitignore.sh \
	tests/system/run.sh tests/system/mkroot.sh debian
