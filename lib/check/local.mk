# model -> findings: the engine, the plugin host and results; the stage
# of checks across reports (cross.c) and what the history keeps (capture.c).
lib_libnianbao_la_SOURCES += \
	lib/check/api_model.c lib/check/api_model.h \
	lib/check/engine.c lib/check/engine_packs.c lib/check/engine_packs.h \
	lib/check/host.c lib/check/host.h lib/check/host_priv.h \
	lib/check/host_run.c lib/check/scan_doubt.c lib/check/scan_doubt.h \
	lib/check/trust.c lib/check/trust.h \
	lib/check/plugdesc.c lib/check/plugdesc.h \
	lib/check/cross.c lib/check/cross.h lib/check/capture.c \
	lib/check/result.c lib/check/result_json.c lib/check/json.c \
	lib/check/result_model.c
