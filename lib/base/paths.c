/*
 * paths.c - default index location and path helpers; see paths.h.
 */
#include "stl/paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stl/status.h"
#include "stl/strbuf.h"

char *stl_db_path_default(void)
{
	const char *env = getenv("STLSEARCH_DB");

	if (env && *env)
		return strdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env && *env == '/')
		return stl_strdup_printf("%s/stlsearch", env);
	env = getenv("HOME");
	if (env && *env)
		return stl_strdup_printf("%s/.local/share/stlsearch", env);
	return NULL;
}

stl_status_t stl_mkdir_p(const char *path)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t ret = STL_STATUS_SUCCESS;
	size_t i;

	stl_strbuf_addstr(&sb, path);
	if (stl_strbuf_failed(&sb))
		return STL_STATUS_OUT_OF_MEMORY;
	for (i = 1; i <= sb.len; i++) {
		char c = sb.buf[i];

		if (c != '/' && c != '\0')
			continue;
		sb.buf[i] = '\0';
		if (mkdir(sb.buf, 0777) < 0 && errno != EEXIST) {
			ret = STL_STATUS_IO_ERROR;
			break;
		}
		sb.buf[i] = c;
	}
	if (ret == STL_STATUS_SUCCESS) {
		struct stat st;

		if (stat(path, &st) < 0) {
			ret = STL_STATUS_IO_ERROR;
		} else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			ret = STL_STATUS_IO_ERROR;
		}
	}
	stl_strbuf_release(&sb);
	return ret;
}

/* Append one path component, resolving "." and "..". */
static void push_part(struct stl_strbuf *out, const char *part, size_t len)
{
	if (!len || (len == 1 && part[0] == '.'))
		return;
	if (len == 2 && part[0] == '.' && part[1] == '.') {
		char *slash = strrchr(out->buf, '/');

		stl_strbuf_setlen(out, slash ? (size_t)(slash - out->buf) : 0);
		return;
	}
	stl_strbuf_addch(out, '/');
	stl_strbuf_add(out, part, len);
}

static void push_parts(struct stl_strbuf *out, const char *path)
{
	while (*path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		push_part(out, path, len);
		path += len;
		while (*path == '/')
			path++;
	}
}

char *stl_path_absolute(const char *path)
{
	struct stl_strbuf out = STL_STRBUF_INIT;

	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return NULL;
		push_parts(&out, cwd);
		free(cwd);
	}
	push_parts(&out, path);
	if (!out.len)
		stl_strbuf_addch(&out, '/');
	return stl_strbuf_detach(&out, NULL);
}

stl_status_t stl_db_check_links(const char *path, char **errmsg)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	struct dirent *de;
	struct stat st;
	DIR *dir;

	*errmsg = NULL;
	dir = opendir(path);
	if (!dir) {
		if (errno == ENOENT)
			return STL_STATUS_SUCCESS;
		*errmsg = stl_strdup_printf("no se puede leer el índice '%s': %s",
					    path, stl_errno_text(errno));
		return STL_STATUS_IO_ERROR;
	}
	while ((de = readdir(dir))) {
		if (fstatat(dirfd(dir), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(st.st_mode))
			continue;
		*errmsg = stl_strdup_printf("el índice '%s' contiene un enlace simbólico ('%s/%s'): no se usa un índice que apunta fuera de sí mismo",
					    path, path, de->d_name);
		ret = *errmsg ? STL_STATUS_INVALID_ARGUMENT
			      : STL_STATUS_OUT_OF_MEMORY;
		break;
	}
	closedir(dir);
	return ret;
}
