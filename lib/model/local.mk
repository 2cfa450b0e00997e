# document + pack -> report model.
lib_libnianbao_la_SOURCES += \
	lib/model/model.c lib/model/model.h lib/model/build.h \
	lib/model/lines.c \
	lib/model/format.c \
	lib/model/title.c \
	lib/model/heading.c \
	lib/model/sections.c \
	lib/model/period.c \
	lib/model/tables.c
