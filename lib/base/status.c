/*
 * status.c - descriptions of the library's status codes.
 */
#include "stl/status.h"

#include <errno.h>
#include <stdio.h>

const char *stl_status_to_string(stl_status_t status)
{
	switch (status) {
	case STL_STATUS_SUCCESS:
		return "correcto";
	case STL_STATUS_OUT_OF_MEMORY:
		return "memoria insuficiente";
	case STL_STATUS_INVALID_ARGUMENT:
		return "argumento no válido";
	case STL_STATUS_IO_ERROR:
		return "error de lectura o escritura";
	case STL_STATUS_BINARY_INPUT:
		return "el archivo no es texto";
	case STL_STATUS_DATABASE_LOCKED:
		return "el índice está bloqueado por otro proceso";
	case STL_STATUS_DATABASE_NOT_FOUND:
		return "no existe el índice";
	case STL_STATUS_DATABASE_UNREADABLE:
		return "no se puede abrir el índice";
	case STL_STATUS_DATABASE_CORRUPT:
		return "el índice está dañado";
	case STL_STATUS_DATABASE_MODIFIED:
		return "el índice cambió durante la lectura";
	case STL_STATUS_DATABASE_VERSION:
		return "el índice es de otra versión";
	case STL_STATUS_BAD_QUERY:
		return "consulta no válida";
	case STL_STATUS_NOT_FOUND:
		return "no encontrado";
	case STL_STATUS_XAPIAN_ERROR:
		return "error de Xapian";
	case STL_STATUS_INTERNAL_ERROR:
		return "error interno";
	case STL_STATUS_LAST_STATUS:
		break;
	}
	return "estado desconocido";
}

static const struct {
	int errnum;
	const char *text;
} errno_texts[] = {
	{ EACCES, "permiso denegado" },
	{ EPERM, "operación no permitida" },
	{ ENOENT, "no existe" },
	{ ENOTDIR, "una parte de la ruta no es una carpeta" },
	{ EISDIR, "es una carpeta" },
	{ EROFS, "el sistema de archivos es de solo lectura" },
	{ ENOSPC, "no queda espacio en el disco" },
	{ EDQUOT, "se agotó su cuota de disco" },
	{ EMFILE, "demasiados archivos abiertos por este proceso" },
	{ ENFILE, "demasiados archivos abiertos en el sistema" },
	{ ENOMEM, "memoria insuficiente" },
	{ EIO, "error de entrada/salida del dispositivo" },
	{ ELOOP, "enlace simbólico en ciclo" },
	{ ENAMETOOLONG, "el nombre es demasiado largo" },
	{ EEXIST, "ya existe" },
	{ EBUSY, "el recurso está ocupado" },
	{ EAGAIN, "el recurso no está disponible por ahora" },
	{ EINVAL, "argumento no válido" },
	{ EXDEV, "está en otro sistema de archivos" },
	{ EFBIG, "el archivo es demasiado grande" },
	{ ENXIO, "el dispositivo no existe" },
	{ ENODEV, "el dispositivo no existe" },
	{ ETXTBSY, "el archivo está en uso" },
	{ ESTALE, "el archivo de red ya no es válido" },
	{ EOVERFLOW, "el archivo es demasiado grande" },
	/* Remote shards (xapian-tcpsrv). */
	{ ECONNREFUSED, "conexión rechazada (¿está en marcha el servidor?)" },
	{ ECONNRESET, "el servidor cerró la conexión" },
	{ EHOSTUNREACH, "no se llega a la máquina" },
	{ ENETUNREACH, "no se llega a la red" },
	{ ETIMEDOUT, "tiempo de espera agotado" },
	{ EINTR, "la operación fue interrumpida" },
	{ ENOTEMPTY, "la carpeta no está vacía" },
};

const char *stl_errno_text(int errnum)
{
	static _Thread_local char other[48];
	size_t i;

	for (i = 0; i < sizeof(errno_texts) / sizeof(errno_texts[0]); i++)
		if (errno_texts[i].errnum == errnum)
			return errno_texts[i].text;
	snprintf(other, sizeof(other), "error del sistema (errno %d)", errnum);
	return other;
}
