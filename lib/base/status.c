/*
 * status.c - descriptions of the library's status codes.
 */
#include "stl/status.h"

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
