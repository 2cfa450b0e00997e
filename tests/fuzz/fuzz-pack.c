/*
 * fuzz-pack.c -- libFuzzer target: the rule-pack loader.
 *
 * nb_pack_load() takes a path only, so the input goes to an anonymous
 * memory file and is loaded as /proc/self/fd/N (no disk, nothing left
 * behind).  "extends" then resolves beside /proc/self/fd and fails
 * cleanly.  A buffer loader in pack.c would make this simpler.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pack.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nb_error err = { NB_OK, "" };
	struct nb_pack *pack;
	char path[64];
	int fd;

	if ((fd = memfd_create("pack", MFD_CLOEXEC)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((pack = nb_pack_load(path, &err)) == NULL) {
		if (err.code == NB_OK || err.msg[0] == '\0')
			__builtin_trap();
	} else
		nb_pack_free(pack);
	close(fd);
	return 0;
}
