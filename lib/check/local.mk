# model -> findings: the engine, the plugin host and results.
lib_libnianbao_la_SOURCES += \
	lib/check/engine.c \
	lib/check/host.c lib/check/host.h \
	lib/check/result.c
