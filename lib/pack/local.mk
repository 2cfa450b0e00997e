# rule pack JSON -> compiled pack.
lib_libnianbao_la_SOURCES += \
	lib/pack/pack.c lib/pack/pack.h lib/pack/pack_index.c \
	lib/pack/pack_read.c lib/pack/pack_json.c \
	lib/pack/pack_relations.c \
	lib/pack/pack_province.c \
	lib/pack/pack_items.c
