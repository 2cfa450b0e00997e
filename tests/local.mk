# Tests: each part of the tree adds its own fragment.
include tests/lib.mk
include tests/plugins.mk
include tests/daemon.mk
include tests/ingest.mk
