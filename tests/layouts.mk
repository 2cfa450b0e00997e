# Tests of the layout classes of issue 8: every sample and real report
# rebuilt at test time as a crawler, a CR-only export, glued cells,
# pdftotext, markdown and OCR would give it must be read as its clean
# copy.  dump-model prints what the model read; variants.sh runs the
# harness (python3, stdlib only; NB_LAYOUTS=0 skips it).
check_PROGRAMS += tests/layouts/dump-model
tests_layouts_dump_model_SOURCES = tests/layouts/dump-model.c
tests_layouts_dump_model_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_layouts_dump_model_LDADD = lib/libnianbao.la $(JANSSON_LIBS)

TESTS += tests/layouts/variants.sh tests/layouts/real.sh
EXTRA_DIST += tests/layouts/variants.sh tests/layouts/harness.py \
	tests/layouts/real.sh tests/layouts/real.py \
	tests/layouts/render.py tests/layouts/source.py \
	tests/layouts/readings.py tests/layouts/mutants.py \
	tests/layouts/README
