/*
 * nofsync.c -- LD_PRELOAD shim for one diagnostic run of bench/run.sh:
 * fsync(2) and fdatasync(2) return at once, so that the drain measured
 * with it shows how much of nianbaod's time goes to durable writes.
 * Never use it for real: a crash would lose results.
 */
int	fsync(int);
int	fdatasync(int);

int
fsync(int fd)
{
	(void)fd;
	return 0;
}

int
fdatasync(int fd)
{
	(void)fd;
	return 0;
}
