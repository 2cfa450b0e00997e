# seeds.sh -- sourced by regress.sh and run-fuzz.sh: the seed files of
# each fuzz target, from the test data and the target's own corpus
# (inputs that once crashed or found new paths, committed as
# regressions).  usage: seeds TARGET  (prints one path per line)
seeds() {
	_d=$src/tests/data
	case $1 in
	text)	ls "$_d"/*.txt "$_d"/formats/*.txt "$_d"/formats/bad-junk.bin ;;
	html)	ls "$_d"/formats/*.html ;;
	docx)	ls "$_d"/formats/*.docx "$_d"/formats/bad-odt.odt ;;
	pdf)	ls "$_d"/formats/*.pdf ;;
	ingest)	ls "$_d"/sample-000.txt "$_d"/formats/* ;;
	pack)	ls "$src"/rules/*.json ;;
	names|proto) ;;
	esac
	if [ -d "$src/tests/fuzz/corpus/$1" ]; then
		ls "$src/tests/fuzz/corpus/$1"/* 2>/dev/null
	fi
}
NB_FUZZ_NAMES="text html docx pdf ingest pack"
# nianbaod's: spool names and the worker protocol (tests/daemon.mk)
NB_FUZZ_DAEMON="names proto"
