# document + pack -> report model.
lib_libnianbao_la_SOURCES += \
	lib/model/model.c lib/model/model.h lib/model/build.h \
	lib/model/lines.c \
	lib/model/relayout.c \
	lib/model/format.c \
	lib/model/title.c \
	lib/model/heading.c \
	lib/model/sections.c \
	lib/model/section_text.c \
	lib/model/period.c \
	lib/model/table.h \
	lib/model/tables.c \
	lib/model/region.c \
	lib/model/tokens.c \
	lib/model/ocr.c \
	lib/model/numbers.c \
	lib/model/rows.c \
	lib/model/order.c lib/model/sequence.c \
	lib/model/gap.c \
	lib/model/blocks.c \
	lib/model/glued.c \
	lib/model/fill.c \
	lib/model/surplus.c \
	lib/model/resolve.c lib/model/ink_doubt.c
