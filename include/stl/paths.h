/*
 * paths.h - where the index lives, shared by stlindex and stlsearch.
 */
#ifndef STL_PATHS_H
#define STL_PATHS_H

#include "stl/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The index directory when --db is not given: $STLSEARCH_DB, else
 * $XDG_DATA_HOME/stlsearch, else $HOME/.local/share/stlsearch.
 * Malloc'ed (caller frees); NULL if out of memory or no HOME is known.
 */
char *stl_db_path_default(void);

/*
 * Create @path and its missing parents with mode 0777 & ~umask (the
 * user's umask decides). An existing directory is fine.
 * Returns SUCCESS, OUT_OF_MEMORY or IO_ERROR (errno set).
 */
stl_status_t stl_mkdir_p(const char *path);

/*
 * @path made absolute and free of "." and ".." parts and duplicate
 * slashes, without resolving symbolic links (the path the user named is
 * the path indexed). Malloc'ed; NULL if out of memory or getcwd() fails.
 */
char *stl_path_absolute(const char *path);

/*
 * Refuse an index directory that holds a symbolic link: Xapian opens its
 * tables and its lock file by name, and would read and write through a
 * link wherever it points, out of the index. @path itself may be a link
 * (the user named it). Returns SUCCESS (also when @path does not exist
 * yet), OUT_OF_MEMORY, or IO_ERROR (the folder cannot be read) or
 * INVALID_ARGUMENT (it holds a link) with the message for the user in
 * *@errmsg (malloc'ed; caller frees; NULL if out of memory).
 */
stl_status_t stl_db_check_links(const char *path, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif /* STL_PATHS_H */
