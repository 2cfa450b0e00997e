/* A shared object that is not a nianbao plugin (no nb_plugin_entry). */
int noentry_dummy(void);

int
noentry_dummy(void)
{
	return 42;
}
