# model -> findings: the engine, the plugin host and results.
lib_libnianbao_la_SOURCES += \
	lib/check/api_model.c lib/check/api_model.h \
	lib/check/engine.c \
	lib/check/host.c lib/check/host.h \
	lib/check/result.c lib/check/result_json.c
